// Runs in the test page: renders one card into #host with the chat page's renderer, opens every
// show-card so that its buttons are rendered too, and measures the result. Plain JavaScript,
// because code passed from the TypeScript tests would carry the test runner's helpers.
(function () {
  'use strict';

  function label(button) {
    return (button.getAttribute('aria-label') || button.textContent || '').trim();
  }

  // The renderer puts the title in an element inside the button, which carries the ellipsis.
  function isTruncated(button) {
    return [button, ...button.querySelectorAll('*')].some(
      (element) => element.scrollWidth > element.clientWidth,
    );
  }

  window.measureCard = function (json) {
    const host = document.getElementById('host');
    host.replaceChildren(window.FirebreakCards.renderCard(json, { onExecute: () => undefined }));
    const root = host.querySelector('.ac-adaptiveCard');

    // A show-card's content is rendered when it is opened, so each closed one is opened in turn.
    const opened = new Set();
    const seen = [];
    for (;;) {
      for (const button of root.querySelectorAll('button.ac-pushButton')) {
        if (!seen.includes(button)) seen.push(button);
      }
      const closed = seen.find(
        (button) => button.getAttribute('aria-expanded') === 'false' && !opened.has(button),
      );
      if (!closed) break;
      opened.add(closed);
      closed.click();
    }
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      buttonTitles: seen.map(label),
      truncatedTitles: seen.filter(isTruncated).map(label),
    };
  };
})();
