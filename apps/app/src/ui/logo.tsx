/** The Tessera mark: four mosaic tiles. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="13" height="13" rx="2" fill="#f2b134" />
      <rect x="17" y="2" width="13" height="13" rx="2" fill="#e8e8e8" />
      <rect x="2" y="17" width="13" height="13" rx="2" fill="#e8e8e8" />
      <rect x="17" y="17" width="13" height="13" rx="2" fill="#2a9d8f" />
    </svg>
  );
}
