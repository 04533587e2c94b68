// Renders Adaptive Cards with the official `adaptivecards` renderer, as a Teams client would,
// for the chat page and the card rendering tests. Needs window.AdaptiveCards loaded first.
(function () {
  'use strict';

  const AC = window.AdaptiveCards;

  // Teams shows up to 6 actions per action list; the renderer's default is 5.
  const HOST_CONFIG = new AC.HostConfig({
    fontFamily: "'Segoe UI', system-ui, -apple-system, sans-serif",
    actions: {
      maxActions: 6,
      buttonSpacing: 8,
      actionsOrientation: 'horizontal',
      showCard: { actionMode: 'inline', inlineTopMargin: 12 },
    },
  });

  const ESCAPABLE = /\\([!-/:-@[-`{-~])/g;
  const LITERAL = /\u0000(\d+)\u0000/g;

  function escapeHtml(text) {
    return text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  }

  // The subset of Markdown that Teams renders in TextBlocks and that Firebreak's cards need:
  // backslash escapes, **bold**, _italic_ and line breaks. Everything else stays plain text,
  // and the text is HTML-escaped first, so card text can never become markup or a link.
  function markdownToHtml(text) {
    const literals = [];
    const marked = text.replace(ESCAPABLE, (_match, character) => {
      literals.push(character);
      return '\u0000' + (literals.length - 1) + '\u0000';
    });
    const html = escapeHtml(marked)
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w])_(?=\S)([\s\S]*?\S)_(?!\w)/g, '$1<em>$2</em>')
      .replace(/\r?\n/g, '<br>');
    return html.replace(LITERAL, (_match, index) => escapeHtml(literals[Number(index)]));
  }

  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdownToHtml(text);
    result.didProcess = true;
  };

  // Renders `json` and returns its root element. `onExecute` gets each Action.Execute press as
  // { type, verb, data }, where data includes the card's inputs as Teams sends them.
  function renderCard(json, options) {
    const card = new AC.AdaptiveCard();
    card.hostConfig = HOST_CONFIG;
    card.onExecuteAction = function (action) {
      if (action instanceof AC.ExecuteAction) {
        options.onExecute({ type: 'Action.Execute', verb: action.verb, data: action.data || {} });
      } else if (action instanceof AC.OpenUrlAction) {
        window.open(action.url, '_blank', 'noopener');
      } else if (options.onUnsupported) {
        options.onUnsupported(action.getJsonTypeName());
      }
    };
    card.parse(json);
    const element = card.render();
    if (!element) throw new Error('the adaptivecards renderer returned no element for this card');
    return element;
  }

  window.FirebreakCards = { renderCard, markdownToHtml };
})();
