from django.urls import path

from . import views

app_name = "treatments"

urlpatterns = [
    path("treatments/", views.treatment_list, name="index"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="detail"),
    path("conditions/", views.condition_list, name="condition_list"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition"),
    path("quiz/", views.pain_quiz, name="quiz"),
    path("resources/", views.resources, name="resources"),
    path("resources/<slug:slug>/", views.resource_page, name="resource_page"),
]
