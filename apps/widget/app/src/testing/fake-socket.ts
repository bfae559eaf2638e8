import type { WidgetClientFrame, WidgetMessage, WidgetServerFrame } from '@rapport/contracts';
import type { SocketLike } from '../connection';

/** A WebSocket stand-in driven by the test: it records what the widget sends and plays the server's part. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: WidgetClientFrame[] = [];
  closedWith: number | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as WidgetClientFrame);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  /** Opens and, by default, says welcome as the server does. */
  open(welcome = true): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
    if (welcome) this.receive({ type: 'welcome', visitorId: 'visitor', heartbeatMs: 30_000, maxFrameBytes: 16_384 });
  }

  receive(frame: WidgetServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }

  /** The connection ends (1006: dropped without a close frame). */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }

  sentOfType<T extends WidgetClientFrame['type']>(type: T): Extract<WidgetClientFrame, { type: T }>[] {
    return this.sent.filter((frame): frame is Extract<WidgetClientFrame, { type: T }> => frame.type === type);
  }
}

export function fakeSockets() {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    create: (url: string) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    last(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}

let counter = 0;

/** A stored message as the server sends it; ids are valid UUIDs that sort in creation order. */
export function storedMessage(overrides: Partial<WidgetMessage> & Pick<WidgetMessage, 'direction'>): WidgetMessage {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    clientId: null,
    text: `message ${counter}`,
    authorName: overrides.direction === 'outbound' ? 'Ayşe' : null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, counter)).toISOString(),
    ...overrides,
  };
}
