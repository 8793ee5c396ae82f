/**
 * A line the survey pages say when something happened: an error (read out at once, role alert)
 * or a notice (role status); nothing when there is no text.
 */
export function Message({
  text,
  kind,
  dataKey,
}: {
  text: string | null;
  kind: 'error' | 'notice';
  dataKey: string;
}) {
  if (!text) return null;
  return (
    <p class={kind} role={kind === 'error' ? 'alert' : 'status'} data-key={dataKey}>
      {text}
    </p>
  );
}
