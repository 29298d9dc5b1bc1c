from django.urls import path

from . import views

app_name = "booking"

urlpatterns = [
    path("book/", views.SlotListView.as_view(), name="start"),
    path("book/hold/", views.HoldView.as_view(), name="hold"),
    path("book/details/", views.DetailsView.as_view(), name="details"),
    path("book/booked/", views.BookedView.as_view(), name="booked"),
    path("book/manage/<str:token>/", views.ManageView.as_view(), name="manage"),
    path("book/offer/<str:token>/", views.ProposalView.as_view(), name="proposal"),
    path("book/manage/<str:token>/calendar.ics", views.calendar_file, name="calendar"),
    # SMART Scheduling Links (publication.py): the manifest and its three NDJSON files.
    path("scheduling/$bulk-publish", views.manifest, name="manifest"),
    path(
        "scheduling/<slug:name>.ndjson",
        views.publication_file,
        name="publication",
    ),
]
