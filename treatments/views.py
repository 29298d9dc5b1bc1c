from django.views.generic import DetailView, ListView, TemplateView

from .models import Treatment


class TreatmentListView(ListView):
    def get_queryset(self):
        return Treatment.objects.published()


class TreatmentDetailView(DetailView):
    def get_queryset(self):
        return Treatment.objects.visible_to(self.request.user)


class ResourcesView(TemplateView):
    template_name = "treatments/resources.html"
