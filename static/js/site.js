// Small enhancements to server-rendered pages. Every page works without this module.
// A module runs once the page is parsed, so the elements below are already there.

// Move focus to a form's error summary so screen readers announce it and
// keyboard users start from the list of problems.
document.querySelector("[data-error-summary]")?.focus();
