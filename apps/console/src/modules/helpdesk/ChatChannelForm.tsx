import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { formatList } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { RadioGroup } from '../customers/RadioGroup';
import {
  isHexColour,
  type ChatPosition,
  type ChatSettingsProblems,
  type ChatSettingsValues,
  type PreChatForm,
} from './chat-settings-form';
import { VariantsEditor } from './VariantsEditor';

interface ChatChannelFormProps {
  value: ChatSettingsValues;
  onChange: (value: ChatSettingsValues) => void;
  /** What is wrong (found in the browser or refused by the server), to mark on the fields. */
  problems: ChatSettingsProblems;
  emptyGreetings: number[];
  emptyOffline: number[];
}

/**
 * A chat channel's settings inside the channel form: the widget's colour and side, its greeting and offline
 * message per language, the pre-chat form, and the sites allowed to show it.
 */
export function ChatChannelForm({ value, onChange, problems, emptyGreetings, emptyOffline }: ChatChannelFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const locale = currentLocale();
  const set = (change: Partial<ChatSettingsValues>) => onChange({ ...value, ...change });
  const isInvalid = (field: string) => problems.fields.includes(field);
  const lineNumbers = formatList(
    problems.originLines.map((line) => String(line + 1)),
    locale,
  );

  return (
    <fieldset className="fieldset chat-settings">
      <legend>{t('chat.settings.title')}</legend>
      <div className="form__row">
        <Field
          label={t('chat.settings.colour')}
          hint={t('chat.settings.colourHint')}
          isInvalid={isInvalid('colour')}
          errorMessage={t('chat.settings.colourInvalid')}
        >
          {(control) => (
            <div className="chat-settings__colour">
              <input
                type="color"
                className="chat-settings__swatch"
                aria-label={t('chat.settings.colourPicker')}
                value={isHexColour(value.colour) ? value.colour.trim().toLowerCase() : '#1f6feb'}
                onChange={(event) => set({ colour: event.target.value })}
              />
              <input
                {...control}
                className="input input--mono chat-settings__hex"
                autoComplete="off"
                spellCheck={false}
                maxLength={7}
                value={value.colour}
                onChange={(event) => set({ colour: event.target.value })}
              />
            </div>
          )}
        </Field>
        <RadioGroup<ChatPosition>
          legend={t('chat.settings.position')}
          name={`${id}-position`}
          value={value.position}
          options={[
            { value: 'right', label: t('chat.settings.positionRight') },
            { value: 'left', label: t('chat.settings.positionLeft') },
          ]}
          onChange={(position) => set({ position })}
        />
      </div>
      <VariantsEditor
        legend={t('chat.settings.greetings')}
        value={value.greetings}
        onChange={(greetings) => set({ greetings })}
        invalidRows={emptyGreetings}
        hasPlaceholders={false}
      />
      <p className="field__hint">{t('chat.settings.greetingsHint')}</p>
      {isInvalid('greetings') && emptyGreetings.length === 0 && <p className="field__error">{t('chat.settings.textsInvalid')}</p>}
      <VariantsEditor
        legend={t('chat.settings.offlineMessages')}
        value={value.offlineMessages}
        onChange={(offlineMessages) => set({ offlineMessages })}
        invalidRows={emptyOffline}
        hasPlaceholders={false}
      />
      <p className="field__hint">{t('chat.settings.offlineHint')}</p>
      {isInvalid('offlineMessages') && emptyOffline.length === 0 && (
        <p className="field__error">{t('chat.settings.textsInvalid')}</p>
      )}
      <RadioGroup<PreChatForm>
        legend={t('chat.settings.preChatForm')}
        hint={t('chat.settings.preChatFormHint')}
        name={`${id}-prechat`}
        value={value.preChatForm}
        options={[
          { value: 'off', label: t('chat.settings.preChat.off') },
          { value: 'optional', label: t('chat.settings.preChat.optional') },
          { value: 'required', label: t('chat.settings.preChat.required') },
        ]}
        onChange={(preChatForm) => set({ preChatForm })}
      />
      <Field
        label={t('chat.settings.allowedOrigins')}
        hint={t('chat.settings.allowedOriginsHint')}
        isOptional
        isInvalid={isInvalid('allowedOrigins')}
        errorMessage={
          problems.originLines.length > 0
            ? t('chat.settings.originLinesInvalid', { count: problems.originLines.length, lines: lineNumbers })
            : t('chat.settings.originsInvalid')
        }
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea input--mono"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            placeholder="https://www.example.com"
            value={value.allowedOrigins}
            onChange={(event) => set({ allowedOrigins: event.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
