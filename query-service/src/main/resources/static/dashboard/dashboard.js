// The organisers' live capacity dashboard. Plain JavaScript, no build step.
// It signs in with the OAuth 2.0 code flow and PKCE, then follows the query service's capacity
// streams (server-sent events read with fetch, because EventSource cannot send a bearer token).
'use strict';

const TEXTS = {
  de: {
    skip: 'Zum Inhalt springen', title: 'Veranstaltungen – Kapazität live', signIn: 'Anmelden',
    signOut: 'Abmelden', signInHint: 'Melden Sie sich an, um die Veranstaltungen Ihrer Organisation zu sehen.',
    upcoming: 'Kommende Veranstaltungen', noMeetings: 'Keine kommenden Veranstaltungen.',
    meeting: 'Veranstaltung', date: 'Datum', place: 'Ort', occupancy: 'Belegung',
    confirmedOfCapacity: 'Bestätigt / Plätze', waitingList: 'Warteliste', registration: 'Anmeldung',
    open: 'offen', closed: 'geschlossen', cancelled: 'abgesagt', back: '← Zur Übersicht', capacity: 'Plätze',
    confirmed: 'Bestätigt', available: 'Frei', waitingListInOrder: 'Warteliste in Reihenfolge',
    latestChanges: 'Letzte Änderungen', live: 'live', reconnecting: 'Verbindung wird wiederhergestellt …',
    emptyWaitingList: 'Niemand wartet.', noParticipantData: 'Teilnehmerdaten sehen nur Organisatoren der Veranstaltung.',
    erased: 'Daten gelöscht', REGISTERED: 'angemeldet', WAITLISTED: 'auf der Warteliste',
    PROMOTED: 'nachgerückt', CANCELLED: 'abgemeldet', OFFERED: 'hat ein Angebot erhalten',
    OFFER_ACCEPTED: 'hat das Angebot angenommen', OFFER_DECLINED: 'hat das Angebot abgelehnt',
    OFFER_EXPIRED: 'hat nicht rechtzeitig geantwortet', SEATS_GIVEN_BACK: 'hat Plätze zurückgegeben',
    CHECKED_IN: 'ist da', CHECK_IN_UNDONE: 'doch nicht da (korrigiert)', checkedIn: 'Anwesend',
    downloadList: 'Teilnehmerliste herunterladen (CSV)', downloadFailed: 'Die Liste konnte nicht geladen werden.',
    downloaded: 'Die Teilnehmerliste wurde heruntergeladen.',
    offered: 'Angeboten', openOffers: 'Offene Angebote', noOffers: 'Keine offenen Angebote.',
    seats: (n) => (n === 1 ? '1 Platz' : `${n} Plätze`), until: (d) => `bis ${d}`, occupancyOf: (c, k) => `${c} von ${k} Plätzen belegt`,
    signInFailed: 'Die Anmeldung ist fehlgeschlagen. Bitte erneut anmelden.',
    notConfigured: 'Für dieses Dashboard ist keine Anmeldung eingerichtet.',
    operator: 'Betrieb', organiser: 'Organisator', language: 'English', locale: 'de-DE'
  },
  en: {
    skip: 'Skip to content', title: 'Meetings – live capacity', signIn: 'Sign in', signOut: 'Sign out',
    signInHint: 'Sign in to see the meetings of your organisation.', upcoming: 'Upcoming meetings',
    noMeetings: 'No upcoming meetings.', meeting: 'Meeting', date: 'Date', place: 'Place', occupancy: 'Occupancy',
    confirmedOfCapacity: 'Confirmed / seats', waitingList: 'Waiting list', registration: 'Registration',
    open: 'open', closed: 'closed', cancelled: 'cancelled', back: '← Back to overview', capacity: 'Seats',
    confirmed: 'Confirmed', available: 'Free', waitingListInOrder: 'Waiting list in order',
    latestChanges: 'Latest changes', live: 'live', reconnecting: 'Reconnecting …',
    emptyWaitingList: 'Nobody is waiting.', noParticipantData: 'Only organisers of the meeting see participant data.',
    erased: 'data erased', REGISTERED: 'registered', WAITLISTED: 'joined the waiting list',
    PROMOTED: 'moved up', CANCELLED: 'cancelled', OFFERED: 'received an offer',
    OFFER_ACCEPTED: 'accepted the offer', OFFER_DECLINED: 'declined the offer',
    OFFER_EXPIRED: 'did not answer in time', SEATS_GIVEN_BACK: 'gave seats back',
    CHECKED_IN: 'checked in', CHECK_IN_UNDONE: 'check-in undone', checkedIn: 'Checked in',
    downloadList: 'Download participant list (CSV)', downloadFailed: 'The list could not be loaded.',
    downloaded: 'The participant list was downloaded.',
    offered: 'Offered', openOffers: 'Open offers', noOffers: 'No open offers.',
    seats: (n) => (n === 1 ? '1 seat' : `${n} seats`), until: (d) => `until ${d}`, occupancyOf: (c, k) => `${c} of ${k} seats taken`,
    signInFailed: 'Signing in failed. Please sign in again.',
    notConfigured: 'No sign-in is configured for this dashboard.',
    operator: 'Operator', organiser: 'Organiser', language: 'Deutsch', locale: 'en-GB'
  }
};

const state = {
  language: localStorage.getItem('dashboard.language') || 'de',
  config: null,
  token: sessionStorage.getItem('dashboard.token'),
  meetings: new Map(),
  current: null,
  stream: null,
  names: new Map()
};

const $ = (id) => document.getElementById(id);
const t = (key) => TEXTS[state.language][key];

// ---- sign-in (authorization code flow with PKCE) ----

const redirectUri = () => `${location.origin}/dashboard`;

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function signIn() {
  if (!state.config.authorizationEndpoint) {
    showMessage(t('notConfigured'));
    return;
  }
  const verifier = randomString();
  const stateValue = randomString();
  sessionStorage.setItem('dashboard.verifier', verifier);
  sessionStorage.setItem('dashboard.state', stateValue);
  sessionStorage.setItem('dashboard.returnTo', location.hash);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code', client_id: state.config.clientId, redirect_uri: redirectUri(), scope: 'openid',
    state: stateValue, code_challenge: challenge, code_challenge_method: 'S256'
  });
  location.assign(`${state.config.authorizationEndpoint}?${query}`);
}

/** Back from the sign-in page with a code: exchange it for a token. */
async function completeSignIn(parameters) {
  const verifier = sessionStorage.getItem('dashboard.verifier');
  const expected = sessionStorage.getItem('dashboard.state');
  sessionStorage.removeItem('dashboard.verifier');
  sessionStorage.removeItem('dashboard.state');
  history.replaceState(null, '', `/dashboard${sessionStorage.getItem('dashboard.returnTo') || ''}`);
  if (!verifier || parameters.get('state') !== expected) {
    throw new Error('state mismatch');
  }
  const response = await fetch(state.config.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: parameters.get('code'), redirect_uri: redirectUri(),
      client_id: state.config.clientId, code_verifier: verifier
    })
  });
  if (!response.ok) {
    throw new Error(`token endpoint answered ${response.status}`);
  }
  state.token = (await response.json()).access_token;
  sessionStorage.setItem('dashboard.token', state.token);
}

function signOut() {
  sessionStorage.removeItem('dashboard.token');
  state.token = null;
  closeStream();
  render();
}

function claims() {
  try {
    return JSON.parse(atob(state.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

// ---- reading the API ----

async function api(path) {
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${state.token}`, 'Accept-Language': state.language }
  });
  if (response.status === 401) {
    signOut();
  }
  return response;
}

/**
 * Follows a server-sent-event stream with the bearer token, and reconnects (with Last-Event-ID;
 * the server answers with the current state) after any interruption.
 */
function follow(path, onCapacity) {
  const controller = new AbortController();
  let lastEventId = null;
  let retry = 500;

  async function connect() {
    while (!controller.signal.aborted) {
      try {
        const headers = { Authorization: `Bearer ${state.token}`, Accept: 'text/event-stream' };
        if (lastEventId) {
          headers['Last-Event-ID'] = lastEventId;
        }
        const response = await fetch(path, { headers, signal: controller.signal });
        if (response.status === 401) {
          signOut();
          return;
        }
        if (!response.ok) {
          throw new Error(`stream answered ${response.status}`);
        }
        setConnection(true);
        retry = 500;
        await readEvents(response.body, (event) => {
          lastEventId = event.id || lastEventId;
          if (event.name === 'capacity') {
            onCapacity(JSON.parse(event.data));
          }
        });
      } catch (failure) {
        if (controller.signal.aborted) {
          return;
        }
      }
      setConnection(false);
      await new Promise((resolve) => setTimeout(resolve, retry));
      retry = Math.min(retry * 2, 10000);
    }
  }

  connect();
  return { close: () => controller.abort() };
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const event = { name: 'message', id: null, data: '' };
      for (const line of block.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const content = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.name = content;
        if (field === 'id') event.id = content;
        if (field === 'data') event.data += content;
      }
      if (event.data) {
        onEvent(event);
      }
    }
  }
}

function closeStream() {
  if (state.stream) {
    state.stream.close();
    state.stream = null;
  }
}

// ---- views ----

function formatDate(instant) {
  return new Intl.DateTimeFormat(t('locale'), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

function registrationState(meeting) {
  if (meeting.status === 'CANCELLED') return ['cancelled', 'status-closed'];
  return meeting.registrationOpen ? ['open', 'status-open'] : ['closed', 'status-closed'];
}

function fillBar(bar, meeting) {
  const share = meeting.capacity === 0 ? 1 : Math.min(1, meeting.confirmed / meeting.capacity);
  bar.querySelector('span').style.width = `${Math.round(share * 100)}%`;
  bar.classList.toggle('full', meeting.available === 0);
  bar.setAttribute('aria-valuemax', meeting.capacity);
  bar.setAttribute('aria-valuenow', meeting.confirmed);
  bar.setAttribute('aria-label', TEXTS[state.language].occupancyOf(meeting.confirmed, meeting.capacity));
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function renderOverview() {
  const now = Date.now();
  const upcoming = [...state.meetings.values()]
    .filter((meeting) => new Date(meeting.startsAt).getTime() > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const body = $('meetings');
  body.replaceChildren();
  for (const meeting of upcoming) {
    const row = body.insertRow();
    row.dataset.meetingId = meeting.meetingId;
    const link = document.createElement('a');
    link.href = `#/meetings/${meeting.meetingId}`;
    link.textContent = meeting.title;
    row.insertCell().append(link);
    cell(row, formatDate(meeting.startsAt));
    cell(row, meeting.location);
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'meter');
    bar.setAttribute('aria-valuemin', '0');
    bar.append(document.createElement('span'));
    fillBar(bar, meeting);
    row.insertCell().append(bar);
    cell(row, `${meeting.confirmed} / ${meeting.capacity}`, 'number confirmed');
    cell(row, String(meeting.waitlisted), 'number waitlisted');
    const [label, className] = registrationState(meeting);
    cell(row, t(label), className);
  }
  $('no-meetings').hidden = upcoming.length > 0;
}

async function renderDetail(meeting) {
  const previous = state.current;
  state.current = meeting;
  $('detail-title').textContent = meeting.title;
  $('detail-when').textContent = `${formatDate(meeting.startsAt)} · ${meeting.location}`;
  fillBar($('detail-bar'), meeting);
  $('figure-capacity').textContent = meeting.capacity;
  $('figure-confirmed').textContent = meeting.confirmed;
  $('download').hidden = claims().organisation !== meeting.organisation;
  if (previous?.meetingId !== meeting.meetingId) {
    $('download-note').textContent = '';
  }
  $('figure-offered').textContent = meeting.offered;
  $('figure-checked-in').textContent = meeting.checkedIn;
  $('figure-available').textContent = meeting.available;
  $('figure-waitlisted').textContent = meeting.waitlisted;
  const [label, className] = registrationState(meeting);
  $('figure-open').textContent = t(label);
  $('figure-open').className = className;
  await renderFeed(meeting);
  if (!previous || previous.meetingId !== meeting.meetingId || previous.waitlisted !== meeting.waitlisted
      || previous.sequence !== meeting.sequence) {
    await Promise.all([renderWaitingList(meeting), renderOffers(meeting)]);
  }
}

/** The seats held for open offers, each with its group's size and its deadline. */
async function renderOffers(meeting) {
  await renderParticipants(meeting, 'offers', 'registrations?status=OFFERED&limit=100', meeting.offered, 'noOffers',
    (registration, item) => {
      const deadline = document.createElement('time');
      deadline.dateTime = registration.offerExpiresAt;
      deadline.textContent = t('until')(formatDate(registration.offerExpiresAt));
      item.append(`${participantName(registration)} (${t('seats')(registration.seats)}) `, deadline);
    });
}

async function renderWaitingList(meeting) {
  await renderParticipants(meeting, 'waiting-list', 'waiting-list?limit=100', meeting.waitlisted, 'emptyWaitingList',
    (registration, item) => {
      item.textContent = registration.seats > 1
        ? `${participantName(registration)} (${t('seats')(registration.seats)})` : participantName(registration);
    });
}

/**
 * Fills the list {@code id} (its note is {@code <id>-note}) with a page of the meeting's participants,
 * one item each as {@code fill} draws it. Participants are for the meeting's own organisers: others
 * are told only whether the list is empty.
 */
async function renderParticipants(meeting, id, page, count, emptyKey, fill) {
  const list = $(id);
  const note = $(`${id}-note`);
  if (claims().organisation !== meeting.organisation) {
    list.replaceChildren();
    note.hidden = false;
    note.textContent = count === 0 ? t(emptyKey) : t('noParticipantData');
    return;
  }
  const response = await api(`/api/v1/meetings/${meeting.meetingId}/${page}`);
  if (!response.ok || state.current?.meetingId !== meeting.meetingId) {
    return;
  }
  const registrations = await response.json();
  list.replaceChildren(...registrations.map((registration) => {
    const item = document.createElement('li');
    fill(registration, item);
    remember(registration);
    return item;
  }));
  note.hidden = registrations.length > 0;
  note.textContent = t(emptyKey);
}

function participantName(registration) {
  if (registration.personalDataErased || !registration.participant) {
    return `(${t('erased')})`;
  }
  const organisation = registration.participant.organisation ? ` – ${registration.participant.organisation}` : '';
  return `${registration.participant.name}${organisation}`;
}

function remember(registration) {
  state.names.set(registration.registrationId, participantName(registration));
}

async function nameOf(registrationId, meeting) {
  if (!state.names.has(registrationId) && claims().organisation === meeting.organisation) {
    const response = await api(`/api/v1/registrations/${registrationId}`);
    if (response.ok) {
      remember(await response.json());
    }
  }
  return state.names.get(registrationId) || registrationId.slice(0, 8);
}

async function renderFeed(meeting) {
  const items = await Promise.all((meeting.recentChanges || []).map(async (change) => {
    const item = document.createElement('li');
    item.className = `change-${change.change}`;
    const time = document.createElement('time');
    time.dateTime = change.at;
    time.textContent = new Intl.DateTimeFormat(t('locale'), { timeStyle: 'medium' }).format(new Date(change.at));
    item.append(time, `${await nameOf(change.registrationId, meeting)} ${t(change.change)}`);
    return item;
  }));
  if (state.current?.meetingId === meeting.meetingId) {
    $('feed').replaceChildren(...items);
  }
}

function setConnection(live) {
  const indicator = $('connection');
  indicator.textContent = live ? t('live') : t('reconnecting');
  indicator.className = `connection ${live ? 'live' : 'lost'}`;
}

function showMessage(text) {
  $('message').textContent = text;
  $('message').hidden = !text;
}

function applyLanguage() {
  document.documentElement.lang = state.language;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  const toggle = $('language');
  toggle.textContent = t('language');
  toggle.lang = state.language === 'de' ? 'en' : 'de';
}

/** Shows the view the address asks for and follows its stream. */
function render() {
  applyLanguage();
  const signedIn = Boolean(state.token);
  $('signed-out').hidden = signedIn;
  $('sign-out').hidden = !signedIn;
  const detailId = (location.hash.match(/^#\/meetings\/([0-9a-f-]{36})$/) || [])[1];
  $('overview').hidden = !signedIn || Boolean(detailId);
  $('detail').hidden = !signedIn || !detailId;
  if (!signedIn) {
    $('who').textContent = '';
    $('connection').textContent = '';
    return;
  }
  const who = claims();
  $('who').textContent = who.organisation ? `${t('organiser')} · ${who.organisation}` : t('operator');
  closeStream();
  if (detailId) {
    state.current = null;
    $('feed').replaceChildren();
    $('waiting-list').replaceChildren();
    state.stream = follow(`/api/v1/meetings/${detailId}/capacity/stream`, renderDetail);
  } else {
    state.meetings.clear();
    state.stream = follow('/api/v1/meetings/capacity/stream', (meeting) => {
      state.meetings.set(meeting.meetingId, meeting);
      renderOverview();
    });
    renderOverview();
  }
}

/** The meeting's participant list as a CSV file, fetched with the token and saved by the browser. */
async function downloadList() {
  const meeting = state.current;
  const response = await api(`/api/v1/meetings/${meeting.meetingId}/registrations.csv`);
  if (!response.ok) {
    $('download-note').textContent = t('downloadFailed');
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `registrations-${meeting.meetingId}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // once the browser has saved it
  $('download-note').textContent = t('downloaded');
}

async function start() {
  state.config = await (await fetch('/dashboard/config.json')).json();
  $('sign-in').addEventListener('click', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('download').addEventListener('click', downloadList);
  $('language').addEventListener('click', () => {
    state.language = state.language === 'de' ? 'en' : 'de';
    localStorage.setItem('dashboard.language', state.language);
    render();
  });
  window.addEventListener('hashchange', () => {
    render();
    $('main').focus();
  });
  const parameters = new URLSearchParams(location.search);
  if (parameters.has('code')) {
    try {
      await completeSignIn(parameters);
    } catch (failure) {
      showMessage(t('signInFailed'));
    }
  }
  render();
}

start();
