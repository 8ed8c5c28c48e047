// Wagtail's date pickers, made safe to type into. Loaded before any picker starts (insert_global_admin_js).
(($) => {
  // A picker put the current date in place of a text it could not read when the field lost focus
  // (validateOnBlur): a typed 2026-11-20 became today. Keep what was typed; the form accepts it or says
  // what to type. The picker still closes when the field loses focus.
  $.fn.datetimepicker.defaults.validateOnBlur = false;

  // The schedule dialog's pickers lay over the fields below them and Save schedule. They are moved to the foot
  // of the dialog, below Save schedule, into its flow (date_pickers.css): the dialog scrolls to them, and one
  // closing never moves the button from under a click.
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('.w-dialog.publishing').forEach((dialog) => {
      dialog.querySelector('.w-dialog__content').append(...dialog.querySelectorAll('.xdsoft_datetimepicker'));
    });
  });
})(window.jQuery);
