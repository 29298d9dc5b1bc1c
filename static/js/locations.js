// "Use my location": ask the browser for a position, put it in the finder's hidden fields
// and submit. Without JavaScript or geolocation the button stays hidden and typing works.
(function () {
  "use strict";
  var form = document.querySelector("form[data-geolocate]");
  if (!form || !("geolocation" in navigator)) return;
  var button = form.querySelector("[data-use-location]");
  var status = form.querySelector("[data-geolocate-status]");
  var lat = form.querySelector("#id_lat");
  var lng = form.querySelector("#id_lng");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.finding || "Finding your location…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(5);
        lng.value = position.coords.longitude.toFixed(5);
        lat.disabled = false;
        lng.disabled = false;
        form.querySelector("#id_q").value = "";
        form.submit();
      },
      function () {
        status.textContent = button.dataset.failed || "We could not get your location. Please type a ZIP code or city.";
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
