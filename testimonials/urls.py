from django.urls import path

from . import views

app_name = "testimonials"

urlpatterns = [
    path("testimonials/", views.testimonial_list, name="index"),
    path("testimonials/share/", views.TestimonialShareView.as_view(), name="share"),
    path("testimonials/share/thanks/", views.share_thanks, name="share_thanks"),
]
