// Small behaviours of the layout: the phone menu, and the CSRF token on htmx requests.
document.addEventListener('DOMContentLoaded', () => {
  const toggle = document.querySelector('.menu-toggle');
  const nav = document.getElementById('navigation');
  if (toggle && nav) {
    toggle.addEventListener('click', () => {
      const open = nav.classList.toggle('open');
      toggle.setAttribute('aria-expanded', String(open));
    });
  }
});
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});
// A button with data-confirm asks before its form is sent.
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-confirm]');
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
// Enter in a search box that only fills a picker (data-no-submit) does not send the surrounding form.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target.matches && event.target.matches('input[data-no-submit]')) {
    event.preventDefault();
  }
});
// A checkbox with data-select-all="name" ticks or clears every checkbox of that name.
document.addEventListener('change', (event) => {
  const all = event.target.closest && event.target.closest('input[data-select-all]');
  if (all) {
    document.querySelectorAll('input[type=checkbox][name="' + all.dataset.selectAll + '"]').forEach((box) => {
      box.checked = all.checked;
    });
  }
});
// A key input with data-key-from="label-id" is suggested from that label until someone types a key.
document.addEventListener('input', (event) => {
  const source = event.target;
  if (!source.id) {
    return;
  }
  document.querySelectorAll('input[data-key-from="' + source.id + '"]').forEach((key) => {
    if (key.dataset.touched) {
      return;
    }
    key.value = source.value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^([0-9])/, 'f_$1').slice(0, 50);
  });
  if (source.matches('input[data-key-from]')) {
    source.dataset.touched = 'true';
  }
});
