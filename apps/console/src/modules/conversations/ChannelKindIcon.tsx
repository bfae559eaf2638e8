import { useTranslation } from 'react-i18next';
import type { ChannelKind } from '@rapport/contracts';

const paths: Record<ChannelKind, string[]> = {
  email: ['M3 6h18v12H3z', 'm3 7 9 6 9-6'],
  chat: ['M4 5h16v11H9l-5 4z', 'M8 10h8M8 13h5'],
  phone: ['M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2'],
};

/** A conversation's channel kind as a small icon with its name for screen readers and on hover. */
export function ChannelKindIcon({ kind }: { kind: ChannelKind }) {
  const { t } = useTranslation();
  const label = t(`inbox.channelKind.${kind}`);
  return (
    <span className={`channel-kind channel-kind--${kind}`} title={label}>
      <svg
        width="16"
        height="16"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
      >
        {paths[kind].map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
