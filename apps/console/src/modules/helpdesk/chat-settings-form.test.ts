import { describe, expect, it } from 'vitest';
import { ApiError } from '../../platform/api-client';
import {
  chatSettingsInput,
  chatSettingsValues,
  isHexColour,
  originLinesOf,
  parseOrigins,
  refusedChatSettings,
} from './chat-settings-form';

describe('the chat settings form', () => {
  it('starts from the server’s defaults, and fills in stored settings', () => {
    expect(chatSettingsValues({})).toEqual({
      colour: '#1f6feb',
      position: 'right',
      greetings: [],
      offlineMessages: [],
      preChatForm: 'off',
      allowedOrigins: '',
    });
    const values = chatSettingsValues({
      colour: '#112233',
      position: 'left',
      greetings: { en: 'Hi!', hu: 'Szia!' },
      offlineMessages: { de: 'Gerade niemand da.' },
      preChatForm: 'required',
      allowedOrigins: ['https://shop.example.com', 'https://www.example.com'],
    });
    expect(values.greetings).toEqual([
      { language: 'en', text: 'Hi!' },
      { language: 'hu', text: 'Szia!' },
    ]);
    expect(values.allowedOrigins).toBe('https://shop.example.com\nhttps://www.example.com');
    expect(values.position).toBe('left');
  });

  it('reads origins one per line, as origins, and names the lines that are no web address', () => {
    expect(parseOrigins('https://shop.example.com/cart\n\n  http://localhost:3000  \nhttps://shop.example.com')).toEqual({
      origins: ['https://shop.example.com', 'http://localhost:3000'],
      invalidLines: [],
    });
    expect(parseOrigins('shop.example.com\nhttps://ok.example\nftp://files.example\njavascript:alert(1)')).toEqual({
      origins: ['https://ok.example'],
      invalidLines: [0, 2, 3],
    });
  });

  it('makes the request body, or names what is wrong', () => {
    const values = {
      ...chatSettingsValues({}),
      colour: ' #ABCDEF ',
      greetings: [{ language: 'en', text: ' Hello! ' }],
      allowedOrigins: 'https://shop.example.com/',
    };
    expect(chatSettingsInput(values).settings).toEqual({
      colour: '#abcdef',
      position: 'right',
      greetings: { en: 'Hello!' },
      offlineMessages: {},
      preChatForm: 'off',
      allowedOrigins: ['https://shop.example.com'],
    });
    const wrong = chatSettingsInput({
      ...values,
      colour: 'blue',
      offlineMessages: [{ language: 'de', text: ' ' }],
      allowedOrigins: 'https://fine.example\nnope',
    });
    expect(wrong.settings).toBeNull();
    expect(wrong.problems).toEqual({ fields: ['colour', 'offlineMessages', 'allowedOrigins'], originLines: [1] });
    expect(wrong.emptyOffline).toEqual([0]);
    const many = Array.from({ length: 21 }, (_, i) => `https://site${i}.example`).join('\n');
    expect(chatSettingsInput({ ...values, allowedOrigins: many }).problems.fields).toEqual(['allowedOrigins']);
  });

  it('knows a colour', () => {
    expect(isHexColour('#1f6feb')).toBe(true);
    expect(isHexColour('#1f6fe')).toBe(false);
    expect(isHexColour('red')).toBe(false);
  });

  it('finds the settings the server refused, and the lines their origins came from', () => {
    const error = new ApiError(422, 'validation_failed', 'invalid', {
      issues: [
        { path: ['settings', 'allowedOrigins', '1'], message: 'Invalid URL' },
        { path: ['settings', 'greetings', 'hu'], message: 'too long' },
        { path: ['name'], message: 'required' },
      ],
    });
    expect(refusedChatSettings(error)).toEqual({ fields: ['allowedOrigins', 'greetings'], originIndexes: [1] });
    expect(refusedChatSettings(new Error('x'))).toEqual({ fields: [], originIndexes: [] });
    // Line 2 repeats line 0 and line 1 is empty: the second origin sent came from line 3.
    expect(originLinesOf('https://a.example\n\nhttps://a.example/x\nhttps://b.example', [1])).toEqual([3]);
  });
});
