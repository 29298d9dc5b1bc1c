"""The documents the site draws itself, as PDFs, in English and Spanish (ReportLab).

- forms.py: the new-patient registration form and the pain diary, fillable (AcroForm text
  fields and checkboxes; dates are text fields with their format beside them, because a date
  field needs JavaScript, which our own upload check refuses) and printable.
- guide.py: the digital guide, made from the site's published content.
- store.py: writes them into their PatientDocument rows (`generate_documents`, and the
  worker after a content change: treatments/tasks.py).

Each builder returns the same bytes for the same content (ReportLab's invariant mode: no
creation date or random id), so a regeneration that changes nothing stores nothing.
"""
