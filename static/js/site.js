// Small enhancements to server-rendered pages. Every page works without this file.

// Move focus to a form's error summary so screen readers announce it and
// keyboard users start from the list of problems.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
