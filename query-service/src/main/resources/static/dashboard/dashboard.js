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
    erased: 'Daten gelöscht', participantUnavailable: 'Name vorübergehend nicht verfügbar', REGISTERED: 'angemeldet', WAITLISTED: 'auf der Warteliste',
    PROMOTED: 'nachgerückt', CANCELLED: 'abgemeldet', OFFERED: 'hat ein Angebot erhalten',
    OFFER_ACCEPTED: 'hat das Angebot angenommen', OFFER_DECLINED: 'hat das Angebot abgelehnt',
    OFFER_EXPIRED: 'hat nicht rechtzeitig geantwortet', SEATS_GIVEN_BACK: 'hat Plätze zurückgegeben',
    CHECKED_IN: 'ist da', CHECK_IN_UNDONE: 'doch nicht da (korrigiert)', checkedIn: 'Anwesend',
    downloadList: 'Teilnehmerliste herunterladen (CSV)', downloadFailed: 'Die Liste konnte nicht geladen werden.',
    downloaded: 'Die Teilnehmerliste wurde heruntergeladen.',
    offered: 'Angeboten', openOffers: 'Offene Angebote', noOffers: 'Keine offenen Angebote.',
    seats: (n) => (n === 1 ? '1 Platz' : `${n} Plätze`), until: (d) => `bis ${d}`, occupancyOf: (c, k) => `${c} von ${k} Plätzen belegt`,
    signInFailed: 'Die Anmeldung ist fehlgeschlagen. Bitte erneut anmelden.',
    parked: (since, reason) => `Achtung: Die Zahlen dieser Veranstaltung stehen seit ${since} still, weil ein Ereignis nicht übernommen werden konnte (${reason}). Der Betrieb ist informiert; angezeigt wird der letzte stimmige Stand.`,
    parkedShort: 'angehalten',
    catchingUp: (done, toGo) => (toGo == null ? 'Daten werden aufgebaut …'
      : `Daten werden aufgebaut … ${done.toLocaleString('de-DE')} Ereignisse übernommen, ${toGo.toLocaleString('de-DE')} ausstehend.`),
    notConfigured: 'Für dieses Dashboard ist keine Anmeldung eingerichtet.',
    operator: 'Betrieb', organiser: 'Organisator', language: 'English', locale: 'de-DE',
    pause: 'Live-Aktualisierung anhalten', resume: 'Live-Aktualisierung fortsetzen', paused: 'angehalten',
    checkInAtTheDoor: 'Einlass: Teilnehmende einchecken', backToMeeting: '← Zur Veranstaltung',
    checkInTitle: (title) => `Einlass: ${title}`, searchByName: 'Name suchen',
    checkIn: 'Einchecken', undoCheckIn: 'Check-in zurücknehmen', nobodyFound: 'Niemand mit diesem Namen bestätigt.',
    checkedInCount: (c, k) => `${c} von ${k} Plätzen eingecheckt`,
    checkedInOutcome: (name) => `${name} ist eingecheckt.`, checkInUndoneOutcome: (name) => `Check-in von ${name} zurückgenommen.`,
    overTime: 'Verlauf', overTimeTable: 'Verlauf der Plätze', time: 'Zeit', cancellations: 'Abmeldungen',
    chartSummary: (p) => `Stand ${p.when}: ${p.confirmed} bestätigt, ${p.waitlisted} auf der Warteliste, ${p.cancelled} abgemeldet.`,
    noActivity: 'Noch keine Anmeldungen.',
    manage: 'Veranstaltung verwalten', changeCapacity: 'Plätze ändern', closeRegistration: 'Anmeldung schließen',
    reopenRegistration: 'Anmeldung wieder öffnen', details: 'Angaben', startsAt: 'Beginn', description: 'Beschreibung',
    changeDetails: 'Angaben ändern', cancelMeeting: 'Veranstaltung absagen …',
    cancelMeetingQuestion: 'Veranstaltung wirklich absagen?',
    cancelMeetingConsequence: 'Alle Anmeldungen enden; das lässt sich nicht rückgängig machen.',
    reason: 'Grund (wird den Teilnehmenden mitgeteilt)', cancelMeetingConfirm: 'Ja, absagen', cancelMeetingKeep: 'Nein, nicht absagen',
    capacityChanged: (n) => `Die Veranstaltung hat jetzt ${n} Plätze.`,
    registrationClosed: 'Die Anmeldung ist geschlossen.', registrationReopened: 'Die Anmeldung ist wieder offen.',
    detailsChanged: (fields) => `Geändert: ${fields}.`, nothingChanged: 'Keine Angabe war anders; nichts geändert.',
    meetingCancelled: 'Die Veranstaltung ist abgesagt; alle Anmeldungen sind beendet.',
    cancelRegistration: 'Anmeldung beenden …', cancelRegistrationQuestion: (name) => `Anmeldung von ${name} beenden?`,
    cancelRegistrationConsequence: 'Der Platz geht an die Nächsten auf der Warteliste.',
    cancelRegistrationReason: 'Grund (zum Beispiel: telefonisch abgesagt)',
    cancelRegistrationConfirm: 'Ja, Anmeldung beenden', cancelRegistrationKeep: 'Nein, behalten',
    registrationCancelledOutcome: (name) => `Die Anmeldung von ${name} ist beendet.`,
    promotedOutcome: (names) => `Nachgerückt: ${names}.`, offeredOutcome: (names) => `Ein Angebot erhalten: ${names}.`,
    nobodyMoved: 'Niemand ist nachgerückt.',
    fields: { title: 'Titel', description: 'Beschreibung', location: 'Ort', startsAt: 'Beginn', endsAt: 'Ende',
      registrationOpensAt: 'Anmeldebeginn', registrationClosesAt: 'Anmeldeschluss' },
    errors: {
      CAPACITY_BELOW_CONFIRMED: 'So wenige Plätze gehen nicht: Es sind schon mehr Plätze bestätigt.',
      MEETING_CANCELLED: 'Die Veranstaltung ist abgesagt; sie lässt sich nicht mehr ändern.',
      NOT_ORGANISER: 'Diese Veranstaltung gehört einer anderen Organisation.',
      REGISTRATION_NOT_FOUND: 'Diese Anmeldung gibt es nicht.',
      NOT_CONFIRMED: 'Nur bestätigte Anmeldungen können eingecheckt werden.',
      REGISTRATION_CANCELLED: 'Diese Anmeldung ist beendet.',
      INCONSISTENT_TIMES: 'Die Zeiten passen nicht zueinander (zum Beispiel Ende vor Beginn).',
      VALIDATION_FAILED: 'Eine Angabe ist ungültig. Bitte prüfen Sie die Eingaben.',
      FORBIDDEN: 'Dafür fehlt Ihnen die Berechtigung.', UNAUTHENTICATED: 'Bitte melden Sie sich erneut an.',
      NOT_FOUND: 'Diese Veranstaltung gibt es nicht.',
      BUSY: 'Gerade ist viel los. Bitte versuchen Sie es gleich noch einmal.',
      DATABASE_UNAVAILABLE: 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
      RATE_LIMITED: 'Zu viele Versuche. Bitte warten Sie einen Moment.',
      NETWORK: 'Der Befehlsdienst ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
      unknown: (status) => `Das hat nicht geklappt (Fehler ${status}).`
    }
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
    erased: 'data erased', participantUnavailable: 'name temporarily unavailable', REGISTERED: 'registered', WAITLISTED: 'joined the waiting list',
    PROMOTED: 'moved up', CANCELLED: 'cancelled', OFFERED: 'received an offer',
    OFFER_ACCEPTED: 'accepted the offer', OFFER_DECLINED: 'declined the offer',
    OFFER_EXPIRED: 'did not answer in time', SEATS_GIVEN_BACK: 'gave seats back',
    CHECKED_IN: 'checked in', CHECK_IN_UNDONE: 'check-in undone', checkedIn: 'Checked in',
    downloadList: 'Download participant list (CSV)', downloadFailed: 'The list could not be loaded.',
    downloaded: 'The participant list was downloaded.',
    offered: 'Offered', openOffers: 'Open offers', noOffers: 'No open offers.',
    seats: (n) => (n === 1 ? '1 seat' : `${n} seats`), until: (d) => `until ${d}`, occupancyOf: (c, k) => `${c} of ${k} seats taken`,
    signInFailed: 'Signing in failed. Please sign in again.',
    parked: (since, reason) => `Warning: this meeting's figures have stood still since ${since}, because an event could not be applied (${reason}). Operations are informed; shown is the last consistent state.`,
    parkedShort: 'on hold',
    catchingUp: (done, toGo) => (toGo == null ? 'Data is being rebuilt …'
      : `Data is being rebuilt … ${done.toLocaleString('en-GB')} events taken over, ${toGo.toLocaleString('en-GB')} to go.`),
    notConfigured: 'No sign-in is configured for this dashboard.',
    operator: 'Operator', organiser: 'Organiser', language: 'Deutsch', locale: 'en-GB',
    pause: 'Pause live updates', resume: 'Resume live updates', paused: 'paused',
    checkInAtTheDoor: 'At the door: check participants in', backToMeeting: '← Back to the meeting',
    checkInTitle: (title) => `At the door: ${title}`, searchByName: 'Search by name',
    checkIn: 'Check in', undoCheckIn: 'Undo check-in', nobodyFound: 'Nobody confirmed with this name.',
    checkedInCount: (c, k) => `${c} of ${k} seats checked in`,
    checkedInOutcome: (name) => `${name} is checked in.`, checkInUndoneOutcome: (name) => `Check-in of ${name} undone.`,
    overTime: 'Over time', overTimeTable: 'Seats over time', time: 'Time', cancellations: 'Cancellations',
    chartSummary: (p) => `As of ${p.when}: ${p.confirmed} confirmed, ${p.waitlisted} waiting, ${p.cancelled} cancelled.`,
    noActivity: 'No registrations yet.',
    manage: 'Manage the meeting', changeCapacity: 'Change seats', closeRegistration: 'Close registration',
    reopenRegistration: 'Reopen registration', details: 'Details', startsAt: 'Starts', description: 'Description',
    changeDetails: 'Change details', cancelMeeting: 'Cancel the meeting …',
    cancelMeetingQuestion: 'Really cancel the meeting?',
    cancelMeetingConsequence: 'Every registration ends; this cannot be undone.',
    reason: 'Reason (told to the participants)', cancelMeetingConfirm: 'Yes, cancel it', cancelMeetingKeep: 'No, keep it',
    capacityChanged: (n) => `The meeting now has ${n} seats.`,
    registrationClosed: 'Registration is closed.', registrationReopened: 'Registration is open again.',
    detailsChanged: (fields) => `Changed: ${fields}.`, nothingChanged: 'Nothing was different; nothing changed.',
    meetingCancelled: 'The meeting is cancelled; every registration has ended.',
    cancelRegistration: 'End registration …', cancelRegistrationQuestion: (name) => `End the registration of ${name}?`,
    cancelRegistrationConsequence: 'The seat goes to the next on the waiting list.',
    cancelRegistrationReason: 'Reason (for example: called off by phone)',
    cancelRegistrationConfirm: 'Yes, end the registration', cancelRegistrationKeep: 'No, keep it',
    registrationCancelledOutcome: (name) => `The registration of ${name} has ended.`,
    promotedOutcome: (names) => `Moved up: ${names}.`, offeredOutcome: (names) => `Offered a seat: ${names}.`,
    nobodyMoved: 'Nobody moved up.',
    fields: { title: 'title', description: 'description', location: 'place', startsAt: 'start', endsAt: 'end',
      registrationOpensAt: 'registration start', registrationClosesAt: 'registration deadline' },
    errors: {
      CAPACITY_BELOW_CONFIRMED: 'That is too few seats: more seats are already confirmed.',
      MEETING_CANCELLED: 'The meeting is cancelled; it cannot change any more.',
      NOT_ORGANISER: 'This meeting belongs to another organisation.',
      REGISTRATION_NOT_FOUND: 'There is no such registration.',
      NOT_CONFIRMED: 'Only confirmed registrations can be checked in.',
      REGISTRATION_CANCELLED: 'This registration has ended.',
      INCONSISTENT_TIMES: 'The times contradict each other (for example the end before the start).',
      VALIDATION_FAILED: 'Something entered is not valid. Please check your input.',
      FORBIDDEN: 'You are not allowed to do this.', UNAUTHENTICATED: 'Please sign in again.',
      NOT_FOUND: 'There is no such meeting.',
      BUSY: 'It is busy right now. Please try again in a moment.',
      DATABASE_UNAVAILABLE: 'The service is unavailable right now. Please try again in a moment.',
      RATE_LIMITED: 'Too many attempts. Please wait a moment.',
      NETWORK: 'The command service cannot be reached. Please check the connection.',
      unknown: (status) => `That did not work (error ${status}).`
    }
  }
};

const state = {
  language: localStorage.getItem('dashboard.language') || 'de',
  config: null,
  // The bearer token lives in this variable only, never in storage a script could read later.
  token: null,
  signingIn: false,
  meetings: new Map(),
  current: null,
  stream: null,
  names: new Map(),
  paused: false,
  // while paused, the newest summary of each meeting, shown on resuming
  held: new Map(),
  chart: { meetingId: null, sequence: -1, timer: null },
  checkIn: { meetingId: null, registrations: [] }
};

const $ = (id) => document.getElementById(id);
const t = (key) => TEXTS[state.language][key];

// ---- sign-in (authorization code flow with PKCE) ----
//
// The token is held in memory only. A reload signs in again through the issuer's own session
// (prompt=none), which answers at once with a new code, or with login_required once that session
// has ended. sessionStorage keeps only what is not secret: that this tab was signed in, and the
// PKCE verifier and state of a sign-in under way, which the token endpoint accepts only once.

const redirectUri = () => `${location.origin}/dashboard`;
const SIGNED_IN = 'dashboard.signedIn';

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Sends the browser to the issuer; silently: only through a session the issuer already has. */
async function signIn(silently = false) {
  if (!state.config.authorizationEndpoint) {
    showMessage(t('notConfigured'));
    return;
  }
  if (state.signingIn) {
    return; // several refused requests at once lead to one sign-in
  }
  state.signingIn = true;
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
  if (silently) {
    query.set('prompt', 'none');
  }
  location.assign(`${state.config.authorizationEndpoint}?${query}`);
}

/** Back from the issuer: exchange the code for a token, or learn that the issuer's session ended. */
async function completeSignIn(parameters) {
  const verifier = sessionStorage.getItem('dashboard.verifier');
  const expected = sessionStorage.getItem('dashboard.state');
  sessionStorage.removeItem('dashboard.verifier');
  sessionStorage.removeItem('dashboard.state');
  history.replaceState(null, '', `/dashboard${sessionStorage.getItem('dashboard.returnTo') || ''}`);
  if (!verifier || parameters.get('state') !== expected) {
    throw new Error('state mismatch');
  }
  if (parameters.has('error')) {
    sessionStorage.removeItem(SIGNED_IN);
    if (parameters.get('error') === 'login_required') {
      return;
    }
    throw new Error(`the issuer answered ${parameters.get('error')}`);
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
  sessionStorage.setItem(SIGNED_IN, 'true');
}

/** Forgets the token and ends the issuer's session too, so that the next sign-in asks again. */
function signOut() {
  sessionStorage.removeItem(SIGNED_IN);
  state.token = null;
  closeStream();
  if (state.config.endSessionEndpoint) {
    const query = new URLSearchParams({ client_id: state.config.clientId, post_logout_redirect_uri: redirectUri() });
    location.assign(`${state.config.endSessionEndpoint}?${query}`);
    return;
  }
  render();
}

/** The token was refused (it expired): a new one through the issuer's session, if it still has one. */
function signInAgain() {
  state.token = null;
  closeStream();
  if (sessionStorage.getItem(SIGNED_IN)) {
    signIn(true);
  } else {
    render();
  }
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
    signInAgain();
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
          signInAgain();
          return;
        }
        if (await catchingUp(response)) {
          continue;
        }
        if (!response.ok) {
          throw new Error(`stream answered ${response.status}`);
        }
        showCatchingUp(null);
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

/**
 * After a restart the read models are rebuilt from the history, and the read API answers 503
 * READ_MODELS_CATCHING_UP with the progress: shows it, instead of empty or short lists, and waits
 * as long as the answer asks before the caller tries again.
 */
async function catchingUp(response) {
  if (response.status !== 503) {
    return false;
  }
  const problem = await response.json().catch(() => ({}));
  if (problem.code !== 'READ_MODELS_CATCHING_UP') {
    return false;
  }
  showCatchingUp(problem);
  const seconds = Number(response.headers.get('Retry-After')) || 2;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return true;
}

function showCatchingUp(problem) {
  const note = $('catching-up');
  note.hidden = !problem;
  note.textContent = problem ? t('catchingUp')(problem.eventsProjected, problem.eventsToGo) : '';
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

/** Whether the meeting's figures stand still behind an event the read side could not apply. */
function isParked(meeting) {
  return meeting.projection?.state === 'PARKED';
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
    const status = cell(row, t(label), className);
    if (isParked(meeting)) {
      const parked = document.createElement('strong');
      parked.className = 'status-parked';
      parked.textContent = ` · ${t('parkedShort')}`;
      status.append(parked);
    }
  }
  $('no-meetings').hidden = upcoming.length > 0;
}

async function renderDetail(meeting) {
  const previous = state.current;
  state.current = meeting;
  $('detail-title').textContent = meeting.title;
  $('detail-when').textContent = `${formatDate(meeting.startsAt)} · ${meeting.location}`;
  $('detail-parked').hidden = !isParked(meeting);
  $('detail-parked').textContent = isParked(meeting)
    ? TEXTS[state.language].parked(formatDate(meeting.projection.since), meeting.projection.event.reason) : '';
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
  showManagement(meeting, previous);
  chartChanged(meeting);
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
      const name = document.createElement('span');
      name.id = `waiting-${registration.registrationId}`;
      name.textContent = registration.seats > 1
        ? `${participantName(registration)} (${t('seats')(registration.seats)})` : participantName(registration);
      item.append(name);
      if (organisesHere(meeting)) {
        item.append(' ', cancelRegistrationButton(registration, name.id, 'outcome'));
      }
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
  if (registration.participantUnavailable) {
    return `(${t('participantUnavailable')})`;
  }
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

// ---- pausing live updates (WCAG 2.2.2) ----

/**
 * Hands each summary of a stream to {@code show}; while live updates are paused, nothing changes
 * by itself, not even a meeting scheduled meanwhile: the newest summary of each meeting is kept for
 * resuming. A page the user opens starts live ({@link render}), so that it fills.
 */
function live(show) {
  return (meeting) => {
    if (state.paused) {
      state.held.set(meeting.meetingId, () => show(meeting));
      return;
    }
    show(meeting);
  };
}

function togglePause() {
  state.paused = !state.paused;
  labelPause();
  if (!state.paused) {
    const held = [...state.held.values()];
    state.held.clear();
    held.forEach((show) => show());
  }
}

function labelPause() {
  const button = $('pause');
  button.setAttribute('aria-pressed', String(state.paused));
  button.textContent = t(state.paused ? 'resume' : 'pause');
}

// ---- the chart of seats over time ----

const SVG = 'http://www.w3.org/2000/svg';
const CHART = { width: 640, height: 220, left: 44, right: 12, top: 12, bottom: 28 };
const SERIES = [['confirmed', 'confirmed'], ['waitlisted', 'waitingList'], ['cancelled', 'cancellations']];
/** A burst of registrations redraws the chart once, this long after its first change. */
const CHART_DELAY_MS = 1000;

/** Loads the chart of a meeting shown for the first time, and again (rate-limited) when it changed. */
function chartChanged(meeting) {
  const chart = state.chart;
  if (chart.meetingId !== meeting.meetingId) {
    clearTimeout(chart.timer);
    Object.assign(chart, { meetingId: meeting.meetingId, sequence: meeting.sequence, timer: null });
    loadChart(meeting.meetingId);
    return;
  }
  if (meeting.sequence === chart.sequence || chart.timer) {
    return;
  }
  chart.sequence = meeting.sequence;
  chart.timer = setTimeout(() => {
    chart.timer = null;
    loadChart(meeting.meetingId);
  }, CHART_DELAY_MS);
}

async function loadChart(meetingId) {
  const response = await api(`/api/v1/meetings/${meetingId}/activity`);
  if (response.ok && state.current?.meetingId === meetingId) {
    drawChart((await response.json()).points);
  }
}

function svg(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * Draws the counts as steps (a count holds until the next change, and until now after the last) in
 * an SVG hidden from screen readers, which read the summary and the table instead.
 */
function drawChart(points) {
  const rows = $('chart-table').tBodies[0];
  if (points.length === 0) {
    $('chart-picture').replaceChildren();
    rows.replaceChildren();
    $('chart-summary').textContent = t('noActivity');
    return;
  }
  const { width, height, left, right, top, bottom } = CHART;
  const first = Date.parse(points[0].at);
  const span = Math.max(1, Date.parse(points.at(-1).at) - first);
  const highest = Math.max(1, ...points.flatMap((point) => SERIES.map(([key]) => point[key])));
  const x = (point) => (left + ((Date.parse(point.at) - first) / span) * (width - left - right)).toFixed(1);
  const y = (count) => (top + (1 - count / highest) * (height - top - bottom)).toFixed(1);
  const time = (point) => new Intl.DateTimeFormat(t('locale'), { timeStyle: 'short' }).format(new Date(point.at));
  const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', focusable: 'false' });
  picture.append(
    svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom }),
    svg('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }),
    svg('text', { class: 'axis-label', x: left - 6, y: top + 4, 'text-anchor': 'end' }, highest),
    svg('text', { class: 'axis-label', x: left - 6, y: height - bottom, 'text-anchor': 'end' }, 0),
    svg('text', { class: 'axis-label', x: left, y: height - 8 }, time(points[0])),
    svg('text', { class: 'axis-label', x: width - right, y: height - 8, 'text-anchor': 'end' }, time(points.at(-1))));
  for (const [key] of SERIES) {
    const steps = points.slice(1).map((point) => `H${x(point)} V${y(point[key])}`).join(' ');
    picture.append(svg('path', {
      class: `line ${key}`, d: `M${x(points[0])} ${y(points[0][key])} ${steps} H${width - right}`
    }));
  }
  const legend = document.createElement('ul');
  legend.className = 'legend';
  legend.append(...SERIES.map(([key, label]) => {
    const item = document.createElement('li');
    item.className = key;
    item.textContent = t(label);
    return item;
  }));
  $('chart-picture').replaceChildren(picture, legend);
  rows.replaceChildren(...points.map((point) => {
    const row = document.createElement('tr');
    cell(row, formatDate(point.at));
    SERIES.forEach(([key]) => cell(row, String(point[key])));
    return row;
  }));
  const last = points.at(-1);
  $('chart-summary').textContent = t('chartSummary')({ ...last, when: formatDate(last.at) });
}

// ---- commands (the command service, with the organiser's token) ----

/** Sends a command; answers {answer} or {error} in plain words. */
async function command(method, path, body) {
  const headers = { Authorization: `Bearer ${state.token}` };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(`${state.config.commandApi}${path}`,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { error: t('errors').NETWORK };
  }
  const answer = await response.json().catch(() => ({}));
  if (response.ok) {
    return { answer };
  }
  const errors = t('errors');
  return { error: errors[answer.code] || errors.unknown(response.status) };
}

/** Shows a command's outcome, as {@code describe} words its answer, or its error, in {@code id}. */
async function report(id, result, describe) {
  const outcome = $(id);
  outcome.classList.toggle('failed', Boolean(result.error));
  outcome.textContent = result.error || await describe(result.answer);
}

/** Who moved up or was offered a seat, from a command's answer. */
async function movedUp(answer, meeting) {
  const names = async (ids) => (await Promise.all(ids.map((id) => nameOf(id, meeting)))).join(', ');
  const parts = [];
  if (answer.promoted?.length) parts.push(t('promotedOutcome')(await names(answer.promoted)));
  if (answer.offered?.length) parts.push(t('offeredOutcome')(await names(answer.offered)));
  return parts.join(' ');
}

function meetingPath(meeting, rest) {
  return `/api/v1/meetings/${meeting.meetingId}${rest}`;
}

/** Whether the signed-in user may give this meeting's commands from here: its organiser, with a command API. */
function organisesHere(meeting) {
  return Boolean(state.config.commandApi) && claims().organisation === meeting.organisation
    && meeting.status !== 'CANCELLED';
}

/** The management forms, for the meeting's own organisers while it is not cancelled. */
function showManagement(meeting, previous) {
  const organises = Boolean(state.config.commandApi) && claims().organisation === meeting.organisation;
  $('manage').hidden = !organises || meeting.status === 'CANCELLED';
  $('check-in-link').hidden = !organises;
  $('check-in-link').href = `#/meetings/${meeting.meetingId}/check-in`;
  $('close-registration').hidden = !meeting.registrationOpen;
  $('reopen-registration').hidden = meeting.registrationOpen;
  if (previous?.meetingId !== meeting.meetingId) {
    $('outcome').textContent = '';
    $('capacity-input').value = meeting.capacity;
    $('details-title').value = meeting.title;
    $('details-location').value = meeting.location;
    $('details-starts-at').value = localDateTime(meeting.startsAt);
    $('details-description').value = meeting.description || '';
  }
}

/** An instant as a datetime-local input shows it: local time, to the minute. */
function localDateTime(instant) {
  const date = new Date(instant);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function changeCapacity(event) {
  event.preventDefault();
  const meeting = state.current;
  const result = await command('PUT', meetingPath(meeting, '/capacity'), { capacity: Number($('capacity-input').value) });
  await report('outcome', result, async (answer) =>
    `${t('capacityChanged')(answer.capacity)} ${await movedUp(answer, meeting)}`.trim());
}

async function closeRegistration() {
  const result = await command('POST', meetingPath(state.current, '/registration/close'));
  await report('outcome', result, () => t('registrationClosed'));
}

async function reopenRegistration() {
  const result = await command('POST', meetingPath(state.current, '/registration/open'));
  await report('outcome', result, () => t('registrationReopened'));
}

/** Sends only the details that differ from the meeting's, so that the answer names what changed. */
async function changeDetails(event) {
  event.preventDefault();
  const meeting = state.current;
  const changes = {};
  const startsAt = new Date($('details-starts-at').value);
  if ($('details-title').value.trim() !== meeting.title) changes.title = $('details-title').value.trim();
  if ($('details-location').value.trim() !== meeting.location) changes.location = $('details-location').value.trim();
  if ($('details-description').value.trim() !== (meeting.description || '')) {
    changes.description = $('details-description').value.trim();
  }
  if ($('details-starts-at').value !== localDateTime(meeting.startsAt)) changes.startsAt = startsAt.toISOString();
  if (Object.keys(changes).length === 0) {
    await report('outcome', { answer: {} }, () => t('nothingChanged'));
    return;
  }
  const result = await command('PUT', meetingPath(meeting, '/details'), changes);
  await report('outcome', result, async (answer) => {
    const fields = answer.changed.map((field) => t('fields')[field] || field).join(', ');
    return `${t('detailsChanged')(fields)} ${await movedUp(answer, meeting)}`.trim();
  });
}

function askToCancelMeeting() {
  $('cancel-reason').value = '';
  $('cancel-dialog').returnValue = '';
  $('cancel-dialog').showModal();
}

async function cancelMeetingIfConfirmed() {
  if ($('cancel-dialog').returnValue !== 'confirm') {
    return;
  }
  const reason = $('cancel-reason').value.trim();
  const result = await command('POST', meetingPath(state.current, '/cancel'), reason ? { reason } : {});
  await report('outcome', result, () => t('meetingCancelled'));
}

/** A button that asks to end {@code registration} (named by the element {@code nameId}), answering in {@code outcomeId}. */
function cancelRegistrationButton(registration, nameId, outcomeId) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'cancel-registration';
  button.textContent = t('cancelRegistration');
  button.setAttribute('aria-describedby', nameId);
  button.addEventListener('click', () => askToCancelRegistration(registration, outcomeId));
  return button;
}

function askToCancelRegistration(registration, outcomeId) {
  state.cancelling = { registration, outcomeId };
  $('cancel-registration-title').textContent = t('cancelRegistrationQuestion')(participantName(registration));
  $('cancel-registration-reason').value = '';
  $('cancel-registration-dialog').returnValue = '';
  $('cancel-registration-dialog').showModal();
}

async function cancelRegistrationIfConfirmed() {
  const { registration, outcomeId } = state.cancelling;
  if ($('cancel-registration-dialog').returnValue !== 'confirm') {
    return;
  }
  const meeting = state.current;
  const reason = $('cancel-registration-reason').value.trim();
  const result = await command('POST', meetingPath(meeting, `/registrations/${registration.registrationId}/cancel`),
    reason ? { reason } : {});
  await report(outcomeId, result, async (answer) =>
    `${t('registrationCancelledOutcome')(participantName(registration))} ${await movedUp(answer, meeting)}`.trim());
}

// ---- check-in at the door ----

function renderCheckIn(meeting) {
  state.current = meeting;
  $('check-in-title').textContent = t('checkInTitle')(meeting.title);
  $('check-in-back').href = `#/meetings/${meeting.meetingId}`;
  $('check-in-count').textContent = t('checkedInCount')(meeting.checkedIn, meeting.confirmed);
  if (state.checkIn.meetingId !== meeting.meetingId || state.checkIn.sequence !== meeting.sequence) {
    state.checkIn.sequence = meeting.sequence;
    loadCheckIn(meeting);
  }
}

/** Every confirmed registration of the meeting, page by page. */
async function loadCheckIn(meeting) {
  const pageSize = 1000;
  const registrations = [];
  for (let offset = 0; ; offset += pageSize) {
    const response = await api(meetingPath(meeting, `/registrations?status=CONFIRMED&offset=${offset}&limit=${pageSize}`));
    if (!response.ok || state.current?.meetingId !== meeting.meetingId) {
      return;
    }
    const page = await response.json();
    registrations.push(...page);
    if (page.length < pageSize) break;
  }
  state.checkIn = { ...state.checkIn, meetingId: meeting.meetingId, registrations };
  drawCheckInList();
}

/**
 * The confirmed registrations whose name contains the search, each with one large button. Items
 * shown already are updated in place, so that the button just pressed keeps the focus.
 */
function drawCheckInList() {
  const search = $('check-in-search').value.trim().toLocaleLowerCase();
  const found = state.checkIn.registrations
    .filter((registration) => participantName(registration).toLocaleLowerCase().includes(search))
    .sort((a, b) => participantName(a).localeCompare(participantName(b)));
  const list = $('check-in-list');
  const shown = [...list.children].map((item) => item.dataset.registrationId);
  if (shown.join() !== found.map((registration) => registration.registrationId).join()) {
    list.replaceChildren(...found.map(checkInItem));
  }
  found.forEach((registration, index) => showCheckedIn(list.children[index], registration));
  $('check-in-note').hidden = found.length > 0;
  $('check-in-note').textContent = t('nobodyFound');
}

function checkInItem(registration) {
  const item = document.createElement('li');
  item.dataset.registrationId = registration.registrationId;
  const name = document.createElement('span');
  name.className = 'name';
  name.id = `name-${registration.registrationId}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-describedby', name.id);
  button.addEventListener('click', () => toggleCheckIn(registration.registrationId));
  const actions = document.createElement('span');
  actions.className = 'actions';
  actions.append(button, cancelRegistrationButton(registration, name.id, 'check-in-outcome'));
  item.append(name, actions);
  return item;
}

function showCheckedIn(item, registration) {
  const seats = registration.seats > 1 ? ` (${t('seats')(registration.seats)})` : '';
  item.querySelector('.name').textContent = `${participantName(registration)}${seats}`;
  item.classList.toggle('checked-in', Boolean(registration.checkedInAt));
  item.querySelector('button').textContent = t(registration.checkedInAt ? 'undoCheckIn' : 'checkIn');
  item.querySelector('button.cancel-registration').textContent = t('cancelRegistration');
}

async function toggleCheckIn(registrationId) {
  const registration = state.checkIn.registrations.find((candidate) => candidate.registrationId === registrationId);
  const undo = Boolean(registration.checkedInAt);
  const result = await command(undo ? 'DELETE' : 'POST',
    meetingPath(state.current, `/registrations/${registrationId}/check-in`));
  if (!result.error) {
    registration.checkedInAt = undo ? null : result.answer.checkedInAt;
    drawCheckInList();
  }
  await report('check-in-outcome', result,
    () => t(undo ? 'checkInUndoneOutcome' : 'checkedInOutcome')(participantName(registration)));
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
  labelPause();
}

/** Shows the view the address asks for and follows its stream. */
function render() {
  applyLanguage();
  const signedIn = Boolean(state.token);
  $('signed-out').hidden = signedIn;
  $('sign-out').hidden = !signedIn;
  $('pause').hidden = !signedIn;
  const [, detailId, checkingIn] = location.hash.match(/^#\/meetings\/([0-9a-f-]{36})(\/check-in)?$/) || [];
  $('overview').hidden = !signedIn || Boolean(detailId);
  $('detail').hidden = !signedIn || !detailId || Boolean(checkingIn);
  $('check-in').hidden = !signedIn || !checkingIn;
  if (!signedIn) {
    $('who').textContent = '';
    $('connection').textContent = '';
    return;
  }
  const who = claims();
  $('who').textContent = who.organisation ? `${t('organiser')} · ${who.organisation}` : t('operator');
  closeStream();
  state.held.clear();
  state.paused = false;
  labelPause();
  state.current = null;
  if (checkingIn) {
    state.checkIn = { meetingId: null, registrations: [] };
    $('check-in-list').replaceChildren();
    $('check-in-outcome').textContent = '';
    state.stream = follow(`/api/v1/meetings/${detailId}/capacity/stream`, live(renderCheckIn));
  } else if (detailId) {
    state.chart.meetingId = null;
    $('feed').replaceChildren();
    $('waiting-list').replaceChildren();
    state.stream = follow(`/api/v1/meetings/${detailId}/capacity/stream`, live(renderDetail));
  } else {
    state.meetings.clear();
    state.stream = follow('/api/v1/meetings/capacity/stream', live((meeting) => {
      state.meetings.set(meeting.meetingId, meeting);
      renderOverview();
    }));
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
  $('sign-in').addEventListener('click', () => signIn());
  $('sign-out').addEventListener('click', signOut);
  $('download').addEventListener('click', downloadList);
  $('pause').addEventListener('click', togglePause);
  $('capacity-form').addEventListener('submit', changeCapacity);
  $('close-registration').addEventListener('click', closeRegistration);
  $('reopen-registration').addEventListener('click', reopenRegistration);
  $('details-form').addEventListener('submit', changeDetails);
  $('cancel-meeting').addEventListener('click', askToCancelMeeting);
  $('cancel-dialog').addEventListener('close', cancelMeetingIfConfirmed);
  $('cancel-registration-dialog').addEventListener('close', cancelRegistrationIfConfirmed);
  $('check-in-search').addEventListener('input', drawCheckInList);
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
  if (parameters.has('code') || parameters.has('error')) {
    try {
      await completeSignIn(parameters);
    } catch (failure) {
      showMessage(t('signInFailed'));
    }
  } else if (sessionStorage.getItem(SIGNED_IN)) {
    signIn(true);
    return;
  }
  render();
}

start();
