from django.urls import path
from django.views.generic import TemplateView

app_name = "testimonials"

urlpatterns = [
    path(
        "testimonials/",
        TemplateView.as_view(template_name="testimonials/index.html"),
        name="index",
    ),
]
