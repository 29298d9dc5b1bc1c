from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("<slug:kind>/", views.notice_detail, name="detail"),
    path("<slug:kind>/<str:date>/", views.notice_version, name="version"),
]
