// The treatment editor in the admin. Without this module the page already works: its parts
// are details/summary, the jump list links to their headings, and each Move up / Move down
// button saves the form and moves the row on the server. With it, a jump link opens the part
// it leads to, and a move happens in place: the row changes places, every row's hidden order
// field is renumbered 1, 2, 3... in the order shown, focus stays on the button pressed, and
// a live region says where the row went. Saving the form stores the new order.

// A step is a table row; a section or question is a block of its own.
const ROWS = "tr.form-row, div.inline-related:not(.tabular)";

function openPartOf(element) {
  const details = element.closest("details");
  if (details) details.open = true;
  return details;
}

function enhanceJumpList() {
  for (const link of document.querySelectorAll("[data-jump]")) {
    link.addEventListener("click", (event) => {
      const target = document.querySelector(link.hash);
      const details = target && openPartOf(target);
      if (!details) return;
      // Focus the part's heading (its summary) rather than only scrolling to it, so the
      // next Tab goes into the part.
      event.preventDefault();
      history.pushState(null, "", link.hash);
      details.querySelector("summary").focus();
    });
  }
  const unfold = document.querySelector("[data-unfold-all]");
  if (unfold) {
    unfold.hidden = false;
    unfold.addEventListener("click", () => {
      for (const details of document.querySelectorAll(".change-form details")) details.open = true;
    });
  }
  // Arriving at a row (after a move with the script off, or a bookmarked link): show it.
  if (location.hash.length > 1) {
    const target = document.querySelector(`#${CSS.escape(location.hash.slice(1))}`);
    if (target) openPartOf(target);
  }
}

function rowsOf(group) {
  // Saved rows and rows added on this page; never the hidden template for new rows.
  return Array.from(group.querySelectorAll(ROWS)).filter(
    (row) => row.querySelector('input[name$="-sort_order"]') && !row.id.endsWith("-empty"),
  );
}

function renumber(group) {
  const rows = rowsOf(group);
  rows.forEach((row, index) => {
    row.querySelector('input[name$="-sort_order"]').value = String(index + 1);
    const buttons = row.querySelectorAll("[data-order-buttons] button");
    if (buttons.length === 2) {
      buttons[0].disabled = index === 0;
      buttons[1].disabled = index === rows.length - 1;
    }
  });
  return rows;
}

function enhanceOrderButtons() {
  const status = document.querySelector("[data-order-status]");
  for (const buttons of document.querySelectorAll("[data-order-buttons]")) {
    const [upButton, downButton] = buttons.querySelectorAll("button");
    for (const button of [upButton, downButton]) {
      button.type = "button"; // no longer submits the form: the move happens here
      button.addEventListener("click", () => {
        const row = button.closest(ROWS);
        const group = row.closest(".inline-group");
        const rows = rowsOf(group);
        const index = rows.indexOf(row);
        const up = button === upButton;
        const neighbour = rows[up ? index - 1 : index + 1];
        if (!neighbour) return;
        if (up) neighbour.before(row);
        else neighbour.after(row);
        const now = renumber(group);
        // At the top or bottom the pressed button is disabled; keep focus on its twin.
        (button.disabled ? (up ? downButton : upButton) : button).focus();
        if (status) {
          const name = buttons.querySelector(".visually-hidden").textContent.replace(/^:\s*/, "");
          status.textContent = status.dataset.moved
            .replace("{part}", name)
            .replace("{place}", String(now.indexOf(row) + 1))
            .replace("{count}", String(now.length));
        }
      });
    }
  }
  // A row added with "Add another" takes its place at the end of the numbering.
  document.addEventListener("formset:added", (event) => {
    const group = event.target.closest(".inline-group");
    if (group) renumber(group);
  });
}

enhanceJumpList();
enhanceOrderButtons();
