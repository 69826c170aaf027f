// The search box: Chinese, English or pinyin.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Input } from '../../shared/ui';

export function SearchForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const id = useId();
  return (
    <search>
      <form
        className="sf-search"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams();
          if (q.trim()) next.set('q', q.trim());
          const country = params.get('country');
          if (country) next.set('country', country);
          navigate(`/search?${next}`);
        }}
      >
        <label className="ui-visually-hidden" htmlFor={id}>
          {t('search.label')}
        </label>
        <Input
          id={id}
          type="search"
          enterKeyHint="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('search.placeholder')}
          maxLength={200}
        />
        <Button type="submit">{t('common:search')}</Button>
      </form>
    </search>
  );
}
