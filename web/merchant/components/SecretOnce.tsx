// A secret shown this once (a POS key, a webhook signing secret): the warning, the secret, a copy
// button with its outcome read out, and "I have saved it".
import { useState } from 'react';
import { Button, Notice } from '../../shared/ui';

export interface SecretOnceText {
  title: string;
  warning: string;
  copy: string;
  copied: string;
  copyFailed: string;
  saved: string;
}

export function SecretOnce({
  secret,
  text,
  testId,
  onDone,
}: {
  secret: string;
  text: SecretOnceText;
  testId: string;
  onDone?: (() => void) | undefined;
}) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Notice tone="warning">
      <div className="ui-stack">
        <strong>{text.title}</strong>
        <p>{text.warning}</p>
        <p className="mc-secret" data-testid={testId}>
          {secret}
        </p>
        <div className="ui-row">
          <Button variant="secondary" onClick={() => void copy()}>
            {text.copy}
          </Button>
          {onDone ? (
            <Button variant="ghost" onClick={onDone}>
              {text.saved}
            </Button>
          ) : null}
          <span aria-live="polite">{copied === true ? text.copied : copied === false ? text.copyFailed : ''}</span>
        </div>
      </div>
    </Notice>
  );
}
