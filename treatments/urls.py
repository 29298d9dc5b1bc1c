from django.urls import path

from . import views

app_name = "treatments"

urlpatterns = [
    path("treatments/", views.TreatmentListView.as_view(), name="index"),
    path("treatments/<slug:slug>/", views.TreatmentDetailView.as_view(), name="detail"),
    path("resources/", views.ResourcesView.as_view(), name="resources"),
]
