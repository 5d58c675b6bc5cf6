// The kanban board: drag a card to another column (SortableJS) or pick a stage in its "Move to" list (filled from
// the board's template when first used); the move is
// posted at once and the server answers with the affected columns as they now are (htmx out-of-band swaps).
// A lost stage first asks for the reason; cancelling puts the card back where it was.
(() => {
  const board = document.getElementById('board');
  if (!board) {
    return;
  }
  const dialog = document.getElementById('lost-dialog');
  const reason = document.getElementById('lost-reason');
  let pending = null;

  function filters() {
    const form = document.getElementById('board-filters');
    const values = {};
    new FormData(form).forEach((value, key) => { values[key] = value; });
    values.pipeline = board.dataset.pipelineId;
    return values;
  }

  function send(card, toStageId, lostReason) {
    const values = Object.assign(filters(), {
      stageId: toStageId,
      version: card.dataset.version,
      fromStageId: card.dataset.stageId
    });
    if (lostReason) {
      values.lostReason = lostReason;
    }
    card.classList.add('moving');
    htmx.ajax('POST', '/deals/' + card.dataset.dealId + '/stage', { values: values, swap: 'none', source: card });
  }

  function move(card, toStageId, toKind, undo) {
    if (toKind === 'lost') {
      pending = { card: card, toStageId: toStageId, undo: undo };
      reason.value = '';
      dialog.showModal();
      reason.focus();
      return;
    }
    send(card, toStageId, null);
  }

  dialog.querySelector('form').addEventListener('submit', (event) => {
    if (!reason.value.trim()) {
      event.preventDefault();
      reason.reportValidity();
      return;
    }
    const p = pending;
    pending = null;
    if (p) {
      send(p.card, p.toStageId, reason.value.trim());
    }
  });
  function cancel() {
    const p = pending;
    pending = null;
    if (dialog.open) {
      dialog.close();
    }
    if (p) {
      p.undo();
    }
  }
  document.getElementById('lost-cancel').addEventListener('click', cancel);
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); cancel(); });

  function sortable(list) {
    if (list.dataset.sortable || typeof Sortable === 'undefined') {
      return;
    }
    list.dataset.sortable = 'true';
    Sortable.create(list, {
      group: 'deals',
      draggable: '.deal-card',
      filter: 'select, input, button, a',
      preventOnFilter: false,
      animation: 150,
      onEnd: (evt) => {
        if (evt.from === evt.to) {
          return;
        }
        const from = evt.from;
        const index = evt.oldIndex;
        const card = evt.item;
        move(card, evt.to.dataset.stageId, evt.to.dataset.stageKind, () => {
          from.insertBefore(card, from.children[index] || null);
        });
      }
    });
  }

  function enhance(root) {
    root.querySelectorAll('.column-cards').forEach(sortable);
    if (root.matches && root.matches('.column-cards')) {
      sortable(root);
    }
  }

  // A card's list holds only its own stage until it is first used: then the board's options are copied in.
  function fill(event) {
    const select = event.target.closest && event.target.closest('select.move-to');
    if (!select || select.dataset.filled) {
      return;
    }
    const card = select.closest('.deal-card');
    const options = document.getElementById('move-options');
    select.replaceChildren(options.content.cloneNode(true));
    select.value = card.dataset.stageId;
    select.dataset.filled = 'true';
  }
  ['focusin', 'pointerdown', 'touchstart'].forEach((type) => board.addEventListener(type, fill, { passive: true }));

  board.addEventListener('change', (event) => {
    const select = event.target.closest('select.move-to');
    if (!select) {
      return;
    }
    const card = select.closest('.deal-card');
    const option = select.selectedOptions[0];
    if (option.value === card.dataset.stageId) {
      return;
    }
    move(card, option.value, option.dataset.stageKind, () => { select.value = card.dataset.stageId; });
  });

  window.addEventListener('load', () => enhance(board));
  document.addEventListener('htmx:load', (event) => enhance(event.target));
})();
