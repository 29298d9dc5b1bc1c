from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, ListView, TemplateView

from core.caching import SLUG, cache_public_page
from core.translation_review import ReviewedLanguagesMixin

from . import structured_data
from .clinical import suggest
from .models import CareStep, Condition, PatientDocument, ResourcePage, Treatment, TreatmentSection
from .quiz import PainQuizForm, published_rules


class TreatmentListView(ListView):
    """Published treatments by step in the order of care, optionally only for one condition."""

    def get_queryset(self):
        return Treatment.objects.published()

    def get_context_data(self, **kwargs):
        conditions = list(Condition.objects.published().only("name", "slug", "spanish_reviewed_at"))
        slug = self.request.GET.get("condition", "")
        chosen = next((c for c in conditions if c.slug == slug), None)
        treatments = self.object_list
        if chosen:
            treatments = treatments.filter(conditions=chosen)
        groups = []
        treatments = list(treatments)
        for step, label in CareStep.choices:
            members = [t for t in treatments if t.care_step == step]
            if members:
                groups.append({"step": step, "label": label, "treatments": members})
        return super().get_context_data(
            groups=groups,
            conditions=conditions,
            chosen_condition=chosen,
            unknown_condition=bool(slug) and chosen is None,
            **kwargs,
        )


class TreatmentDetailView(ReviewedLanguagesMixin, DetailView):
    def get_queryset(self):
        return Treatment.objects.visible_to(self.request.user).prefetch_related(
            "sections", "steps", "faqs"
        )

    def get_context_data(self, **kwargs):
        treatment = self.object
        sections = list(treatment.sections.all())
        steps = list(treatment.steps.all())
        if steps and not any(s.kind == TreatmentSection.Kind.PROCEDURE for s in sections):
            # Steps belong under "What to expect"; give them one if staff have not written it,
            # where pages have it: after who it suits, before recovery and results.
            after = {TreatmentSection.Kind.RECOVERY, TreatmentSection.Kind.RESULTS,
                     TreatmentSection.Kind.BENEFITS}  # fmt: skip
            place = next((n for n, s in enumerate(sections) if s.kind in after), len(sections))
            sections.insert(
                place, TreatmentSection(treatment=treatment, kind=TreatmentSection.Kind.PROCEDURE)
            )
        faqs = list(treatment.faqs.all())
        # A draft copy previews with its live page's offices, specialists and stories.
        live = treatment.draft_of or treatment
        structured = [
            structured_data.medical_procedure(treatment, steps, sections),
            structured_data.breadcrumb_list(
                (_("Treatments"), reverse("treatments:index")),
                (treatment.name, treatment.get_absolute_url()),
            ),
        ]
        if faqs:
            structured.append(structured_data.faq_page(faqs))
        return super().get_context_data(
            sections=sections,
            steps=steps,
            faqs=faqs,
            live=live,
            # Only those who perform it: an assistant who assesses or follows up is not one.
            specialists=[
                role.provider
                for role in live.provider_roles.performing()
                .filter(provider__is_published=True)
                .select_related("provider")
            ],
            offices=list(live.locations.published()),
            conditions=list(live.conditions.published()),
            structured=structured,
            **kwargs,
        )


class ConditionListView(ListView):
    """Every published condition, each with the treatments for it in the order of care."""

    def get_queryset(self):
        return Condition.objects.published().prefetch_related(
            Prefetch("treatments", queryset=Treatment.objects.published())
        )


class ConditionDetailView(ReviewedLanguagesMixin, DetailView):
    def get_queryset(self):
        return Condition.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        condition = self.object
        treatments = list(condition.treatments.published())
        structured = [
            structured_data.medical_condition(condition, treatments),
            structured_data.breadcrumb_list(
                (_("Conditions"), reverse("treatments:condition_list")),
                (condition.name, condition.get_absolute_url()),
            ),
        ]
        return super().get_context_data(treatments=treatments, structured=structured, **kwargs)


# The quiz changes nothing on the server and stores nothing, so there is no
# request to forge; exempting it keeps the form page free of a per-visitor
# token, so it can be served from the shared page cache.
@method_decorator(csrf_exempt, name="dispatch")
class PainQuizView(TemplateView):
    """GET shows the questions; POST shows suggestions for the answers (which are not kept)."""

    template_name = "treatments/quiz.html"

    def post(self, request, *args, **kwargs):
        form = PainQuizForm(request.POST)
        valid = form.is_valid()
        if form.has_red_flag:
            # Nothing else is asked, suggested or kept: the page says where to get care now.
            return TemplateResponse(request, "treatments/quiz_urgent.html")
        if not valid:
            return self.render_to_response(self.get_context_data(form=form))
        result = suggest(form.answers(), published_rules())
        return self.render_to_response(
            self.get_context_data(form=form, suggestions=result.suggestions, answered=True)
        )

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"] = PainQuizForm()
        return super().get_context_data(**kwargs)


class ResourcesView(TemplateView):
    template_name = "treatments/resources.html"

    def get_context_data(self, **kwargs):
        documents = list(PatientDocument.objects.published())
        return super().get_context_data(
            forms=[d for d in documents if d.kind == PatientDocument.Kind.FORM],
            guides=[d for d in documents if d.kind == PatientDocument.Kind.GUIDE],
            pages=ResourcePage.objects.published(),
            **kwargs,
        )


class ResourcePageView(ReviewedLanguagesMixin, DetailView):
    def get_queryset(self):
        return ResourcePage.objects.visible_to(self.request.user)


treatment_list = cache_public_page(TreatmentListView.as_view(), params={"condition": SLUG})
treatment_detail = cache_public_page(TreatmentDetailView.as_view())
condition_list = cache_public_page(ConditionListView.as_view())
condition_detail = cache_public_page(ConditionDetailView.as_view())
pain_quiz = cache_public_page(PainQuizView.as_view())
resources = cache_public_page(ResourcesView.as_view())
resource_page = cache_public_page(ResourcePageView.as_view())
