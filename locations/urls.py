from django.urls import path

from . import views

app_name = "locations"

urlpatterns = [
    path("locations/", views.LocationListView.as_view(), name="index"),
    path("locations/<slug:slug>/", views.LocationDetailView.as_view(), name="detail"),
    path("providers/", views.ProviderListView.as_view(), name="provider_list"),
    path("providers/<slug:slug>/", views.ProviderDetailView.as_view(), name="provider_detail"),
]
