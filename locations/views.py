from django.views.generic import DetailView, ListView

from .models import Location, Provider


class LocationListView(ListView):
    def get_queryset(self):
        return Location.objects.published()


class LocationDetailView(DetailView):
    def get_queryset(self):
        return Location.objects.visible_to(self.request.user)


class ProviderListView(ListView):
    def get_queryset(self):
        return Provider.objects.published()


class ProviderDetailView(DetailView):
    def get_queryset(self):
        return Provider.objects.visible_to(self.request.user)
