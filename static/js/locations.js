// "Use my location": ask the browser for a position, put it in the finder's hidden fields
// and submit. Without JavaScript or geolocation the button stays hidden and typing works.
// The form and its parts are found by data attributes, the fields by name (the query's own
// parameters), never by the ids Django generates. A module runs once the page is parsed, so
// the form is already in the document.

function enhance(form) {
  const button = form.querySelector("[data-use-location]");
  const status = form.querySelector("[data-geolocate-status]");
  const { q, lat, lng } = form.elements;
  button.hidden = false;
  button.addEventListener("click", () => {
    status.textContent = button.dataset.finding || "Finding your location…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lat.value = position.coords.latitude.toFixed(5);
        lng.value = position.coords.longitude.toFixed(5);
        lat.disabled = false;
        lng.disabled = false;
        q.value = "";
        form.submit();
      },
      () => {
        status.textContent = button.dataset.failed || "We could not get your location. Please type a ZIP code or city.";
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 },
    );
  });
}

if ("geolocation" in navigator) document.querySelectorAll("form[data-geolocate]").forEach(enhance);
