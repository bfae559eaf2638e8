import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CallDirection } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { useSubmission } from '../../components/useSubmission';
import { invalidFields } from '../../platform/error-messages';
import { RadioGroup } from '../customers/RadioGroup';
import { logCall } from './calls-api';
import './calls.css';

/**
 * `/calls/new?customerId=&phone=&conversationId=`: which way and which
 * number (the customer's, filled in), then Start: the call is logged from
 * now and its page opens with the notes pane.
 */
export function LogCallPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const conversationId = params.get('conversationId') ?? undefined;
  const [direction, setDirection] = useState<CallDirection>('outbound');
  const [phoneNumber, setPhoneNumber] = useState(params.get('phone') ?? '');
  const submission = useSubmission();
  const isNumberInvalid = invalidFields(submission.error).includes('phoneNumber');

  function submit(event: FormEvent) {
    event.preventDefault();
    void submission.run(async () => {
      const call = await logCall({
        direction,
        phoneNumber: phoneNumber.trim(),
        ...(customerId ? { customerId } : {}),
        ...(conversationId ? { conversationId } : {}),
      });
      await navigate(`/calls/${call.id}`, { replace: true });
    });
  }

  return (
    <>
      <PageHeading title={t('calls.log.title')}>
        <p>{t('calls.log.intro')}</p>
      </PageHeading>
      <form className="panel log-call" onSubmit={submit} noValidate>
        {!isNumberInvalid && <ErrorMessage error={submission.error} />}
        <RadioGroup
          legend={t('calls.log.direction')}
          name="direction"
          value={direction}
          options={[
            { value: 'outbound', label: t('calls.direction.outbound') },
            { value: 'inbound', label: t('calls.direction.inbound') },
          ]}
          onChange={setDirection}
        />
        <Field
          label={t('calls.log.number')}
          hint={t('calls.log.numberHint')}
          isInvalid={isNumberInvalid}
          errorMessage={t('calls.log.numberInvalid')}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="tel"
              autoComplete="off"
              required
              value={phoneNumber}
              onChange={(event) => setPhoneNumber(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={submission.isPending || !phoneNumber.trim()}>
          {submission.isPending ? t('calls.log.starting') : t('calls.log.start')}
        </button>
      </form>
    </>
  );
}
