import type { WidgetConfig, WidgetSession, WidgetSessionInput } from '@rapport/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetHttpError } from './api';
import { ChatController } from './chat';
import { createMemoryStore, type KeyValueStore } from './storage';
import { fakeSockets, storedMessage, type FakeSocket } from './testing/fake-socket';
import { pushedTurkishConfig } from './testing/widget-configs';

const visitor = { id: '11111111-1111-4111-8111-111111111111', name: null, email: null, identified: false };

function setup(
  store: KeyValueStore = createMemoryStore(),
  createSession?: (input: WidgetSessionInput) => Promise<WidgetSession>,
  onConfig?: (config: WidgetConfig) => void,
) {
  const sockets = fakeSockets();
  const sessions: WidgetSessionInput[] = [];
  let issued = 0;
  const chat = new ChatController({
    widgetKey: 'key',
    api: {
      createSession:
        createSession ??
        (async (input) => {
          sessions.push(input);
          return { visitorToken: input.visitorToken ?? `token-${++issued}`, visitor };
        }),
    },
    socketUrl: (token) => `ws://rapport.test/socket?token=${token}`,
    createSocket: sockets.create,
    store,
    onChange: () => undefined,
    ...(onConfig ? { onConfig } : {}),
    random: () => 1,
  });
  return { chat, sockets, sessions, store };
}

/** Lets the session request resolve and the socket be created. */
const settle = () => vi.advanceTimersByTimeAsync(0);

/** Opens the last socket and answers `hello` with this history. */
function connect(socket: FakeSocket, messages = [] as ReturnType<typeof storedMessage>[]): void {
  socket.open();
  socket.receive({ type: 'history', conversationId: null, messages, agentReadUpTo: null });
}

function ackAll(socket: FakeSocket, from = 0): void {
  for (const frame of socket.sentOfType('message').slice(from)) {
    socket.receive({
      type: 'ack',
      clientId: frame.clientId,
      message: storedMessage({ direction: 'inbound', clientId: frame.clientId, text: frame.text }),
    });
  }
}

describe('ChatController', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('shows a message at once as sending, sends it after history, and swaps in the acked message', async () => {
    const { chat, sockets } = setup();
    expect(chat.sendMessage('  Hello  ')).toBe('sent');
    expect(chat.snapshot().items).toMatchObject([{ text: 'Hello', state: 'sending' }]);
    await settle();
    const socket = sockets.last();
    socket.open();
    expect(socket.sent[0]).toEqual({ type: 'hello', after: null });
    expect(socket.sentOfType('message')).toHaveLength(0); // not before history is merged
    socket.receive({ type: 'history', conversationId: null, messages: [], agentReadUpTo: null });
    expect(socket.sentOfType('message')).toMatchObject([{ text: 'Hello' }]);
    ackAll(socket);
    expect(chat.snapshot().items).toMatchObject([{ text: 'Hello', state: 'sent' }]);
  });

  it('sends the outbox one at a time, in order', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    connect(sockets.last());
    for (const text of ['one', 'two', 'three']) chat.sendMessage(text);
    const socket = sockets.last();
    expect(socket.sentOfType('message').map((frame) => frame.text)).toEqual(['one']);
    ackAll(socket, 0);
    expect(socket.sentOfType('message').map((frame) => frame.text)).toEqual(['one', 'two']);
    ackAll(socket, 1);
    ackAll(socket, 2);
    expect(chat.snapshot().items.map((item) => [item.text, item.state])).toEqual([
      ['one', 'sent'],
      ['two', 'sent'],
      ['three', 'sent'],
    ]);
  });

  it('delivers messages typed offline after the reconnect, in order, and resends the unacknowledged one', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    connect(sockets.last());
    chat.sendMessage('before the drop');
    const first = sockets.last();
    first.drop(); // the message went out but no ack came back
    chat.sendMessage('offline one');
    chat.sendMessage('offline two');
    expect(chat.snapshot().items.map((item) => item.state)).toEqual(['sending', 'sending', 'sending']);
    expect(chat.snapshot().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(500);
    const second = sockets.last();
    expect(second).not.toBe(first);
    // The server had stored the first message: history brings it, so it is not sent again.
    const stored = storedMessage({
      direction: 'inbound',
      clientId: first.sentOfType('message')[0]!.clientId,
      text: 'before the drop',
    });
    second.open();
    second.receive({ type: 'history', conversationId: 'c', messages: [stored], agentReadUpTo: null });
    ackAll(second, 0);
    ackAll(second, 1);
    expect(second.sentOfType('message').map((frame) => frame.text)).toEqual(['offline one', 'offline two']);
    expect(chat.snapshot().items.map((item) => item.text)).toEqual(['before the drop', 'offline one', 'offline two']);
  });

  it('resends what was in flight when history does not have it (stored once by clientId)', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    connect(sockets.last());
    chat.sendMessage('lost in transit');
    const clientId = sockets.last().sentOfType('message')[0]!.clientId;
    sockets.last().drop();
    await vi.advanceTimersByTimeAsync(500);
    connect(sockets.last());
    expect(sockets.last().sentOfType('message')).toEqual([{ type: 'message', clientId, text: 'lost in transit' }]);
  });

  it('keeps unsent messages across a reload and sends them with the saved token', async () => {
    const store = createMemoryStore();
    const before = setup(store);
    before.chat.start();
    await settle();
    connect(before.sockets.last());
    before.sockets.last().drop();
    before.chat.sendMessage('typed, then the tab closed');

    const after = setup(store);
    expect(after.chat.hasSavedSession).toBe(true);
    expect(after.chat.snapshot().items).toMatchObject([{ text: 'typed, then the tab closed', state: 'sending' }]);
    after.chat.start();
    await settle();
    expect(after.sessions[0]?.visitorToken).toBe('token-1');
    connect(after.sockets.last());
    expect(
      after.sockets
        .last()
        .sentOfType('message')
        .map((frame) => frame.text),
    ).toEqual(['typed, then the tab closed']);
  });

  it('continues history after the newest message it has, on reconnect', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    const reply = storedMessage({ direction: 'outbound' });
    connect(sockets.last(), [reply]);
    sockets.last().drop();
    await vi.advanceTimersByTimeAsync(500);
    sockets.last().open();
    expect(sockets.last().sentOfType('hello')).toEqual([{ type: 'hello', after: reply.id }]);
  });

  it('asks for the next page of history while more follow, and sends what waits only after the last page', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    chat.sendMessage('typed while away');
    const socket = sockets.last();
    socket.open();
    const first = storedMessage({ direction: 'outbound', text: 'page one' });
    socket.receive({ type: 'history', conversationId: 'c', messages: [first], agentReadUpTo: null, hasMore: true });
    expect(socket.sentOfType('hello').at(-1)).toEqual({ type: 'hello', after: first.id });
    expect(socket.sentOfType('message')).toHaveLength(0);
    const second = storedMessage({ direction: 'outbound', text: 'page two' });
    socket.receive({ type: 'history', conversationId: 'c', messages: [second], agentReadUpTo: null, hasMore: false });
    expect(socket.sentOfType('hello')).toHaveLength(2);
    expect(socket.sentOfType('message').map((frame) => frame.text)).toEqual(['typed while away']);
  });

  it('waits retryAfterMs after rate_limited, then resends', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    connect(sockets.last());
    chat.sendMessage('hi');
    const socket = sockets.last();
    const clientId = socket.sentOfType('message')[0]!.clientId;
    socket.receive({ type: 'error', code: 'rate_limited', message: 'slow down', clientId, retryAfterMs: 2_000 });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(socket.sentOfType('message')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.sentOfType('message')).toHaveLength(2);
  });

  it('marks a refused message failed, moves on, and sends it again on retry', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    connect(sockets.last());
    chat.sendMessage('refused');
    chat.sendMessage('next');
    const socket = sockets.last();
    const clientId = socket.sentOfType('message')[0]!.clientId;
    socket.receive({ type: 'error', code: 'invalid_frame', message: 'no', clientId });
    expect(chat.snapshot().items.map((item) => item.state)).toEqual(['failed', 'sending']);
    expect(socket.sentOfType('message').map((frame) => frame.text)).toEqual(['refused', 'next']);
    ackAll(socket, 1);
    chat.retry(clientId);
    expect(socket.sentOfType('message').map((frame) => frame.text)).toEqual(['refused', 'next', 'refused']);
  });

  it('holds messages refused for want of the pre-chat form and sends them, in order, after the contact', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    connect(sockets.last());
    chat.sendMessage('first');
    chat.sendMessage('second');
    const socket = sockets.last();
    const clientId = socket.sentOfType('message')[0]!.clientId;
    socket.receive({ type: 'error', code: 'contact_required', message: 'email first', clientId });
    expect(chat.snapshot().notice).toEqual({ kind: 'contact_required' });
    expect(chat.snapshot().items.map((item) => item.state)).toEqual(['sending', 'sending']);
    expect(socket.sentOfType('message')).toHaveLength(1);
    chat.saveContact('ada@example.com', undefined);
    expect(chat.snapshot().notice).toBeNull();
    expect(socket.sent.slice(-2)).toEqual([
      { type: 'contact', email: 'ada@example.com' },
      { type: 'message', clientId, text: 'first' },
    ]);
    ackAll(socket, 1);
    expect(socket.sentOfType('message').map((frame) => frame.text)).toEqual(['first', 'first', 'second']);
  });

  it('starts a new session without the token when the socket refuses it (4401)', async () => {
    const { chat, sockets, sessions } = setup();
    chat.start();
    await settle();
    sockets.last().drop(4401);
    await settle();
    expect(sessions.map((input) => input.visitorToken)).toEqual([undefined, undefined]);
    expect(sockets.sockets).toHaveLength(2);
  });

  it('drops a refused token at session start and carries on as a new visitor', async () => {
    const store = createMemoryStore();
    store.set('rapport:key:token', 'stale');
    const inputs: WidgetSessionInput[] = [];
    const { chat, sockets } = setup(store, async (input) => {
      inputs.push(input);
      if (input.visitorToken) throw new WidgetHttpError(401, 'invalid_visitor_token', 'refused');
      return { visitorToken: 'fresh', visitor };
    });
    chat.start();
    await settle();
    expect(inputs.map((input) => input.visitorToken)).toEqual(['stale', undefined]);
    expect(store.get('rapport:key:token')).toBe('fresh');
    expect(sockets.last().url).toContain('token=fresh');
  });

  it("sends read receipts only while the panel is visible, and shows the team's", async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    const mine = storedMessage({ direction: 'inbound', clientId: 'client-1234' });
    const reply = storedMessage({ direction: 'outbound' });
    connect(sockets.last(), [mine, reply]);
    const socket = sockets.last();
    expect(socket.sentOfType('read')).toHaveLength(0);
    expect(chat.snapshot().unread).toBe(1);
    chat.setPanelVisible(true);
    expect(socket.sentOfType('read')).toEqual([{ type: 'read', upTo: reply.id }]);
    expect(chat.snapshot().unread).toBe(0);
    socket.receive({ type: 'read', upTo: mine.id });
    expect(chat.snapshot().seenKey).toBe('client-1234');
  });

  it('shows the agent typing until their message arrives', async () => {
    const { chat, sockets } = setup();
    chat.start();
    await settle();
    connect(sockets.last());
    sockets.last().receive({ type: 'typing', typing: true, agentName: 'Ayşe' });
    expect(chat.snapshot().agentTyping).toEqual({ name: 'Ayşe' });
    sockets.last().receive({ type: 'message', message: storedMessage({ direction: 'outbound' }) });
    expect(chat.snapshot().agentTyping).toBeNull();
  });

  it('sends the contact form, then the transcript, once connected', async () => {
    const { chat, sockets } = setup();
    expect(chat.requestTranscript()).toBe(false);
    chat.saveContact('ada@example.com', 'Ada', true);
    await settle();
    connect(sockets.last());
    const sent = sockets.last().sent.filter((frame) => frame.type === 'contact' || frame.type === 'transcript');
    expect(sent).toEqual([{ type: 'contact', email: 'ada@example.com', name: 'Ada' }, { type: 'transcript' }]);
    sockets.last().receive({ type: 'transcript_queued', email: 'ada@example.com' });
    expect(chat.snapshot().notice).toEqual({ kind: 'transcript_queued', email: 'ada@example.com' });
  });

  it('hands a changed channel’s config to the app at once and shows its availability', async () => {
    const configs: WidgetConfig[] = [];
    const { chat, sockets } = setup(undefined, undefined, (config) => configs.push(config));
    chat.start();
    await settle();
    connect(sockets.last());
    chat.setAvailability({ online: true, nextOnlineAt: null, usualReplyMinutes: null });
    const config = pushedTurkishConfig;
    sockets.last().receive({ type: 'config', config });
    expect(configs).toEqual([config]);
    expect(chat.snapshot().availability).toEqual(config.availability);
  });
});
