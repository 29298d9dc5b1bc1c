import re
import secrets
import unicodedata
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.models import TimeStampedModel, only_known_values

from .callback import callback_due_for

# No 0/O, 1/I/L or 5/S: a code read aloud over the phone is heard right the first time.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
REFERENCE_LENGTH = 8
MESSAGE_MAX_LENGTH = 1000


def fold(text):
    """Lower case without accents, so "José" and "JOSE" are stored and searched alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def new_reference():
    """A random public code (29^8, about 500 billion possibilities), never the database id."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


# The choice lists live outside the model so its Meta can hold them in database constraints.
class RequestKind(models.TextChoices):
    APPOINTMENT = "appointment", _("New appointment")
    QUESTION = "question", _("Question from a patient")
    BILLING = "billing", _("Billing")
    RECORDS = "records", _("Medical records")
    ESTIMATE = "estimate", _("Good-faith estimate of costs")
    ACCESSIBILITY = "accessibility", _("Website accessibility")


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    SCHEDULED = "scheduled", _("Scheduled")
    CLOSED = "closed", _("Closed")
    SPAM = "spam", _("Spam")


class RequestOutcome(models.TextChoices):
    BOOKED = "booked", _("Appointment booked")
    ANSWERED = "answered", _("Question answered")
    UNREACHABLE = "unreachable", _("Could not reach the patient")
    DECLINED = "declined", _("Patient declined")
    DUPLICATE = "duplicate", _("Duplicate request")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")


class TimeOfDay(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")


class PatientStatus(models.TextChoices):
    NEW = "new", _("New patient")
    EXISTING = "existing", _("Existing patient")


class Insurance(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial insurance")
    MEDICARE = "medicare", _("Medicare")
    MEDICAID = "medicaid", _("Medicaid")
    WORKERS_COMP = "workers_comp", _("Workers' Compensation")
    PERSONAL_INJURY = "personal_injury", _("Personal Injury")
    SELF_PAY = "self_pay", _("Self-pay")
    OTHER = "other", _("Other")


PHONE_CHARACTERS = re.compile(r"^[\d\s().+-]+$")
REFERENCE_PATTERN = re.compile(rf"^[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}$")


class AppointmentRequestQuerySet(models.QuerySet):
    def older_than(self, moment):
        return self.filter(created_at__lt=moment)

    def not_anonymized(self):
        return self.filter(anonymized_at__isnull=True)

    def with_attempt_flag(self):
        return self.annotate(
            attempted=Exists(ContactAttempt.objects.filter(request=OuterRef("pk"), is_note=False))
        )

    def overdue(self, now=None):
        """New, nobody has tried to reach the patient, and the promised callback has passed."""
        return self.filter(
            ~Exists(ContactAttempt.objects.filter(request=OuterRef("pk"), is_note=False)),
            status=RequestStatus.NEW,
            callback_due_at__lt=now or timezone.now(),
        )

    def search(self, term):
        """As staff type it: any phone layout (or its last 4 or 7 digits), a name with or
        without accents, an email address or a reference code."""
        term = term.strip()
        if not term:
            return self
        match = Q()
        digits = re.sub(r"\D", "", term)
        if PHONE_CHARACTERS.match(term) and len(digits) >= 4:
            if len(digits) == 11 and digits.startswith("1"):
                digits = digits[1:]
            # Stored as E.164 (+1 and ten digits): a full number matches exactly.
            match |= Q(phone=f"+1{digits}") if len(digits) == 10 else Q(phone__endswith=digits)
        if REFERENCE_PATTERN.match(term.upper()):
            match |= Q(reference=term.upper())
        if "@" in term:
            match |= Q(email__iexact=term)
        words = fold(term).split()
        if words and not PHONE_CHARACTERS.match(term):
            match |= Q(*(Q(search_name__contains=word) for word in words))
        return self.filter(match) if match else self.none()


class AppointmentRequest(TimeStampedModel):
    """What a patient sent through the appointment or contact form. Health information."""

    Kind = RequestKind
    Status = RequestStatus
    ContactMethod = ContactMethod
    TimeOfDay = TimeOfDay
    PatientStatus = PatientStatus
    Insurance = Insurance
    Outcome = RequestOutcome

    class Weekday(models.TextChoices):
        MONDAY = "mon", _("Monday")
        TUESDAY = "tue", _("Tuesday")
        WEDNESDAY = "wed", _("Wednesday")
        THURSDAY = "thu", _("Thursday")
        FRIDAY = "fri", _("Friday")
        SATURDAY = "sat", _("Saturday")
        SUNDAY = "sun", _("Sunday")

    reference = models.CharField(
        _("reference"), max_length=REFERENCE_LENGTH, unique=True, default=new_reference
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.APPOINTMENT)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_appointment_requests",
        verbose_name=_("assigned to"),
    )
    outcome = models.CharField(
        _("outcome when closed"), max_length=20, choices=RequestOutcome, blank=True
    )
    callback_due_at = models.DateTimeField(_("call back by"), editable=False)

    location = models.ForeignKey(
        "locations.Location",
        on_delete=models.PROTECT,
        related_name="appointment_requests",
        verbose_name=_("office"),
    )
    treatment = models.ForeignKey(
        "treatments.Treatment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment_requests",
        verbose_name=_("treatment"),
    )
    provider = models.ForeignKey(
        "locations.Provider",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment_requests",
        verbose_name=_("provider"),
    )

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    phone = PhoneNumberField(_("phone"), region="US")
    email = models.EmailField(_("email"), max_length=254, blank=True)
    contact_method = models.CharField(
        _("preferred contact method"), max_length=10, choices=ContactMethod, blank=True
    )
    # Comma-separated Weekday codes ("mon,fri"); staff see the labels.
    preferred_days = models.CharField(_("preferred days"), max_length=40, blank=True)
    preferred_time = models.CharField(
        _("preferred time of day"), max_length=10, choices=TimeOfDay, blank=True
    )
    patient_status = models.CharField(
        _("new or existing patient"), max_length=10, choices=PatientStatus, blank=True
    )
    insurance_type = models.CharField(
        _("insurance type"), max_length=20, choices=Insurance, blank=True
    )
    insurance_carrier = models.CharField(_("insurance carrier"), max_length=100, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    # The language the patient used the site in: their emails are written in it, and the
    # front desk sees who prefers Spanish before calling.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    consent_to_contact = models.BooleanField(_("agreed to be contacted"), default=False)
    consent_to_privacy_notice = models.BooleanField(
        _("agreed to the privacy notice"), default=False
    )
    consented_at = models.DateTimeField(_("consent given at"))
    # Set by the form when it is first shown: a double click, a refresh or a
    # resubmitted form carries the same key and finds the request already stored.
    idempotency_key = models.UUIDField(_("idempotency key"), unique=True, editable=False)
    anonymized_at = models.DateTimeField(_("anonymized at"), null=True, blank=True)
    # The names folded once at save time, so a search for "jose" finds "José" on any database.
    search_name = models.CharField(max_length=201, blank=True, editable=False, db_index=True)

    objects = AppointmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        permissions = [("export_appointmentrequest", _("Can export appointment requests"))]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_to_contact=True, consent_to_privacy_notice=True),
                name="appointment_request_has_consent",
            ),
            models.CheckConstraint(
                condition=Q(kind="appointment") | ~Q(message=""),
                name="appointment_request_message_has_text",
            ),
            only_known_values("kind", RequestKind.values),
            only_known_values("status", RequestStatus.values),
            # Optional answers: blank means the patient did not say.
            only_known_values("contact_method", ["", *ContactMethod.values]),
            only_known_values("preferred_time", ["", *TimeOfDay.values]),
            only_known_values("patient_status", ["", *PatientStatus.values]),
            only_known_values("insurance_type", ["", *Insurance.values]),
            only_known_values("outcome", ["", *RequestOutcome.values]),
            models.CheckConstraint(
                condition=Q(status=RequestStatus.CLOSED) | Q(outcome=""),
                name="appointment_request_outcome_only_when_closed",
            ),
            only_known_values("language", [code for code, _name in settings.LANGUAGES]),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.first_name} {self.last_name}")
        if self.callback_due_at is None:
            arrived = self.created_at or timezone.now()
            self.callback_due_at = callback_due_for(self.location, arrived)
        super().save(*args, **kwargs)

    @property
    def prefers_other_language(self):
        return self.language != settings.LANGUAGE_CODE

    @property
    def patient_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def preferred_days_display(self):
        labels = dict(self.Weekday.choices)
        codes = [code for code in self.preferred_days.split(",") if code]
        return ", ".join(str(labels.get(code, code)) for code in codes)

    def is_overdue(self, now=None):
        attempted = getattr(self, "attempted", None)
        if attempted is None:
            attempted = self.contact_attempts.filter(is_note=False).exists()
        return (
            self.status == RequestStatus.NEW
            and not attempted
            and self.callback_due_at < (now or timezone.now())
        )


class AttemptOutcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    VOICEMAIL = "voicemail", _("Left a voicemail")
    NO_ANSWER = "no_answer", _("No answer")
    WRONG_NUMBER = "wrong_number", _("Wrong number")


class AppendOnly(models.Model):
    """Saved once, never changed or deleted one by one (anonymizing blanks text in bulk)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(f"{self._meta.verbose_name} entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(f"{self._meta.verbose_name} entries cannot be deleted.")


class ContactAttempt(AppendOnly):
    """One try to reach the patient (who, when, how, what happened), or a note on its own."""

    # The ways to reach a patient are the ones a patient may ask for.
    Method = ContactMethod
    Outcome = AttemptOutcome

    request = models.ForeignKey(
        AppointmentRequest,
        on_delete=models.CASCADE,
        related_name="contact_attempts",
        verbose_name=_("request"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    # Empty only for notes carried over from before the log existed.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    is_note = models.BooleanField(_("note only"), default=False)
    method = models.CharField(_("how"), max_length=10, choices=ContactMethod, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=AttemptOutcome, blank=True)
    note = models.TextField(_("note"), max_length=MESSAGE_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts and notes")
        constraints = [
            only_known_values("method", ["", *ContactMethod.values]),
            only_known_values("outcome", ["", *AttemptOutcome.values]),
            # An attempt says how and what happened; a note only what it says (its text may
            # be blanked when the request is anonymized).
            models.CheckConstraint(
                condition=(Q(is_note=False) & ~Q(method="") & ~Q(outcome=""))
                | Q(is_note=True, method="", outcome=""),
                name="contact_attempt_is_complete",
            ),
        ]

    def __str__(self):
        if self.is_note:
            return str(_("Note"))
        return f"{self.get_method_display()}: {self.get_outcome_display()}"


class AuditLogQuerySet(models.QuerySet):
    """No bulk update or delete either: the log only grows."""

    def update(self, **kwargs):
        raise PermissionDenied("Audit log entries cannot be changed.")

    def delete(self):
        raise PermissionDenied("Audit log entries cannot be deleted.")


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed or searched")
    CHANGE = "change", _("Changed")
    EXPORT = "export", _("Exported")
    DELETE = "delete", _("Deleted")
    ANONYMIZE = "anonymize", _("Anonymized")


class AuditSubject(models.TextChoices):
    REQUEST = "request", _("Request or message")
    STORY = "story", _("Patient story")


USER_AGENT_LENGTH = 200
# The client address and user agent of the request being answered, set by
# appointments.audit.AuditContextMiddleware; empty outside a request.
audit_client = ContextVar("audit_client", default=(None, ""))


class AuditLogEntry(models.Model):
    """Who opened, changed, exported or removed which request or story, when, and from where.

    Append-only: the model refuses changes, and on PostgreSQL so does the database itself
    (a trigger, migration 0005), whoever connects.
    """

    Action = AuditAction
    Subject = AuditSubject

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # PROTECT: a staff account with history is deactivated, never deleted. Empty for the
    # retention command, which runs without a person.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action)
    subject = models.CharField(_("record"), max_length=10, choices=Subject, default=Subject.REQUEST)
    # The public reference (a story's number), not a foreign key: the entry outlives a
    # deleted request or story.
    reference = models.CharField(_("reference"), max_length=REFERENCE_LENGTH, db_index=True)
    # Field names, counts or a keyed hash of a search, never what a patient wrote.
    details = models.CharField(_("details"), max_length=200, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=USER_AGENT_LENGTH, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        constraints = [
            only_known_values("action", AuditAction.values),
            only_known_values("subject", AuditSubject.values),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.reference}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("Audit log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit log entries cannot be deleted.")

    @classmethod
    def record(
        cls,
        *,
        user,
        action,
        references,
        details="",
        subject=AuditSubject.REQUEST,
        even_if_none=False,
    ):
        """Append one entry per reference, with the client address and browser of the request
        being answered; with `even_if_none`, one entry without a reference when there is none
        (a search that found nothing is still on the record)."""
        user = user if user is not None and user.is_authenticated else None
        address, agent = audit_client.get()
        references = [str(ref) for ref in references] or ([""] if even_if_none else [])
        cls.objects.bulk_create(
            cls(
                user=user,
                action=action,
                subject=subject,
                reference=ref,
                details=details[:200],
                client_address=address,
                user_agent=agent,
            )
            for ref in references
        )
