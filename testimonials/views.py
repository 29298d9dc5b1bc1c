import uuid

from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView

from core.caching import PAGE_NUMBER, SLUG, cache_public_page
from core.pagination import ForgivingPaginationMixin
from core.ratelimit import allow

from .forms import TestimonialFilterForm, TestimonialShareForm
from .models import Testimonial
from .services import testimonial_submit

SHARE_LIMIT = 5
SHARE_WINDOW = 60 * 60
RATE_LIMITED = _(
    "You have sent several stories in a short time. Thank you! Please wait an hour before "
    "sending another. Your story is still in the form below."
)


class TestimonialListView(ForgivingPaginationMixin, ListView):
    template_name = "testimonials/testimonial_list.html"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.filter_form = TestimonialFilterForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        testimonials = (
            Testimonial.objects.approved()
            .select_related("office", "treatment")
            .order_by("-date", "-created_at")
        )
        # An unknown office or treatment shows its error beside the filter and all stories.
        if self.filter_form.is_valid():
            chosen = {k: v for k, v in self.filter_form.cleaned_data.items() if v is not None}
            testimonials = testimonials.filter(**chosen)
        return testimonials

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


testimonial_list = cache_public_page(
    TestimonialListView.as_view(), params={"office": SLUG, "treatment": SLUG, "page": PAGE_NUMBER}
)


@method_decorator(never_cache, name="dispatch")
class TestimonialShareView(FormView):
    template_name = "testimonials/testimonial_share.html"
    form_class = TestimonialShareForm
    success_url = reverse_lazy("testimonials:share_thanks")

    def get_initial(self):
        return {"submission_key": uuid.uuid4()}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_spam:  # a bot is thanked as if it were a patient and learns nothing
            return redirect(self.success_url)
        if not allow(request, "testimonial-share", limit=SHARE_LIMIT, window_seconds=SHARE_WINDOW):
            form.add_error(None, RATE_LIMITED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        testimonial_submit(
            display_name=data["display_name"],
            text=data["text"],
            rating=data["rating"],
            office=data["office"],
            treatment=data["treatment"],
            submission_key=data["submission_key"],
        )
        return super().form_valid(form)


class TestimonialShareThanksView(TemplateView):
    template_name = "testimonials/testimonial_share_thanks.html"


share_thanks = cache_public_page(TestimonialShareThanksView.as_view())
