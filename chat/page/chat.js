// The local chat page: sends what the user types and presses to the chat server, which turns
// it into Teams activities for the bot, and shows the conversation it streams back.
(function () {
  'use strict';

  const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
  const TYPING_MS = 4000;

  const log = document.getElementById('log');
  const form = document.getElementById('compose');
  const input = document.getElementById('text');
  const personaSelect = document.getElementById('persona');
  const typing = document.getElementById('typing');
  const status = document.getElementById('status');

  const entries = new Map();
  const personas = new Map();
  // Refreshes already sent, by activity, bot revision and user, so each runs once like in Teams.
  const refreshed = new Set();
  let typingTimer;

  function currentPersona() {
    return personaSelect.value;
  }

  function sender() {
    return {
      persona: currentPersona(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      locale: navigator.language || 'en-US',
    };
  }

  function showStatus(message) {
    status.textContent = message;
    status.hidden = message === '';
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok)
      throw new Error(answer.error || 'the chat server answered HTTP ' + response.status);
    return answer;
  }

  // The card this user sees: their own invoke response if there is one, else the bot's card.
  function cardFor(entry) {
    const own = entry.userCards[currentPersona()];
    if (own) return own;
    const attachment = entry.attachments.find((item) => item.contentType === CARD_TYPE);
    return attachment ? attachment.content : undefined;
  }

  async function press(entryId, action, holder, note, trigger) {
    holder.classList.add('busy');
    note.textContent = '';
    try {
      const request = { cardId: entryId, action, trigger: trigger || 'manual' };
      const answer = await post('/chat/invoke', Object.assign(sender(), request));
      if (answer.kind === 'message') note.textContent = answer.message;
    } catch (error) {
      note.textContent = 'Something went wrong: ' + error.message;
    } finally {
      holder.classList.remove('busy');
    }
  }

  function renderEntry(entry) {
    let element = log.querySelector('[data-entry-id="' + CSS.escape(entry.id) + '"]');
    if (!element) {
      element = document.createElement('article');
      element.className = 'message from-' + entry.from;
      element.dataset.entryId = entry.id;
      log.appendChild(element);
    }
    element.dataset.version = String(entry.version);
    element.replaceChildren();

    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = entry.fromName + ' \u00b7 ' + new Date(entry.timestamp).toLocaleTimeString();
    element.appendChild(meta);

    if (entry.text) {
      const text = document.createElement('div');
      text.className = 'text';
      text.textContent = entry.text;
      element.appendChild(text);
    }

    const card = cardFor(entry);
    if (card) {
      const holder = document.createElement('div');
      holder.className = 'card';
      const note = document.createElement('div');
      note.className = 'card-note';
      try {
        holder.appendChild(
          window.FirebreakCards.renderCard(card, {
            onExecute: (action) => void press(entry.id, action, holder, note),
            onUnsupported: (type) => {
              note.textContent = type + ' is not supported on this page.';
            },
          }),
        );
      } catch (error) {
        note.textContent = 'This card could not be rendered: ' + error.message;
      }
      element.append(holder, note);
      if (!entry.userCards[currentPersona()]) refreshCard(entry, card, element, holder, note);
    }
  }

  // A Teams client sends the card's refresh action for each user listed in refresh.userIds and
  // shows that user the answer. With no userIds, the user can refresh by hand.
  function refreshCard(entry, card, element, holder, note) {
    const refresh = card.refresh;
    if (!refresh || !refresh.action || !refresh.action.verb) return;
    const action = {
      type: 'Action.Execute',
      verb: refresh.action.verb,
      data: refresh.action.data || {},
    };
    if (!Array.isArray(refresh.userIds)) {
      const button = document.createElement('button');
      button.className = 'refresh-card';
      button.textContent = 'Refresh card';
      button.addEventListener('click', () => void press(entry.id, action, holder, note, 'manual'));
      element.appendChild(button);
      return;
    }
    const persona = personas.get(currentPersona());
    if (!persona || !refresh.userIds.includes(persona.teamsUserId)) return;
    const key = entry.id + ' ' + entry.revision + ' ' + persona.key;
    if (refreshed.has(key)) return;
    refreshed.add(key);
    void press(entry.id, action, holder, note, 'automatic');
  }

  function onEvent(event) {
    const data = JSON.parse(event.data);
    if (data.kind === 'typing') {
      typing.textContent = data.fromName + ' is typing\u2026';
      typing.hidden = false;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => (typing.hidden = true), TYPING_MS);
      return;
    }
    if (data.entry.from === 'bot') typing.hidden = true;
    entries.set(data.entry.id, data.entry);
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    renderEntry(data.entry);
    if (atBottom || data.entry.version === 1) log.scrollTop = log.scrollHeight;
  }

  async function loadPersonas() {
    const response = await fetch('/chat/personas');
    const list = (await response.json()).personas;
    for (const persona of list) {
      personas.set(persona.key, persona);
      const option = document.createElement('option');
      option.value = persona.key;
      option.textContent = persona.name + ' (' + persona.role + ')';
      personaSelect.appendChild(option);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') return;
    input.value = '';
    showStatus('');
    try {
      await post('/chat/send', Object.assign(sender(), { text }));
    } catch (error) {
      showStatus('The message was not delivered: ' + error.message);
    }
  });

  // Invoke responses are per user, so every card is drawn again for the new user.
  personaSelect.addEventListener('change', () => {
    for (const entry of entries.values()) renderEntry(entry);
    document.body.dataset.persona = currentPersona();
  });

  loadPersonas()
    .then(() => {
      document.body.dataset.persona = currentPersona();
      const events = new EventSource('/chat/events');
      events.onmessage = onEvent;
      events.onopen = () => {
        showStatus('');
        document.body.dataset.connected = 'true';
      };
      events.onerror = () => showStatus('Lost the connection to the chat server; retrying.');
    })
    .catch((error) => showStatus('The page failed to start: ' + error.message));
})();
