// Progressive enhancement only: every page works without this file.

// Quick exit: leave for a neutral site without adding this page to the back
// button history, and hide the page at once so it does not linger on screen.
// Without JavaScript the button is a plain link to the same address.
function quickExit(url) {
  document.documentElement.classList.add("quick-exit--leaving");
  document.title = "";
  window.location.replace(url);
}

document.addEventListener("DOMContentLoaded", () => {
  const exitLink = document.querySelector("[data-quick-exit-link]");
  if (exitLink) {
    exitLink.addEventListener("click", (event) => {
      event.preventDefault();
      quickExit(exitLink.href);
    });
    // Three presses of Shift within five seconds, as GOV.UK's "Exit this page" does.
    let presses = 0;
    let timer;
    document.addEventListener("keyup", (event) => {
      if (event.key !== "Shift") {
        presses = 0;
        return;
      }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(() => { presses = 0; }, 5000);
      if (presses >= 3) quickExit(exitLink.href);
    });
  }

  // Below 64em the main navigation is collapsed behind its "Menu" button, by site.css alone wherever
  // scripts run, so nothing moves once this file has run; without scripts the list is always shown.
  const nav = document.querySelector("[data-main-nav]");
  const toggle = nav && nav.querySelector("[data-main-nav-toggle]");
  if (toggle) {
    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("main-nav--open", open);
    };
    toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
    // Escape closes the open menu and returns to its button, from the button or any link in it.
    nav.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }
});
