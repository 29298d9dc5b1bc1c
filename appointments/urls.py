from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    path("appointments/request/", views.AppointmentRequestView.as_view(), name="request"),
    path("appointments/received/", views.ConfirmationView.as_view(), name="confirmation"),
    path("contact/", views.contact, name="contact"),
    path("contact/message/", views.ContactMessageView.as_view(), name="message"),
]
