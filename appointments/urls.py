from django.urls import path
from django.views.generic import TemplateView

app_name = "appointments"

urlpatterns = [
    path(
        "appointments/request/",
        TemplateView.as_view(template_name="appointments/request.html"),
        name="request",
    ),
    path(
        "contact/", TemplateView.as_view(template_name="appointments/contact.html"), name="contact"
    ),
]
