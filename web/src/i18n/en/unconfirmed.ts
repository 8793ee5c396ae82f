/** English texts: the map's option to count or leave out the survey's unconfirmed ties (unconfirmed.*). */
import type { jaUnconfirmed } from '../ja/unconfirmed';

export const enUnconfirmed: Record<keyof typeof jaUnconfirmed, string> = {
  'unconfirmed.toggle': 'Include unconfirmed ties',
  'unconfirmed.count': ' ({n})',
  'unconfirmed.help':
    'An unconfirmed tie is one that only one of the two people named in a network survey (dashed on the map); a tie both named is confirmed (solid). Leave them out and the map and the numbers of the key persons, gaps, suggestions and what-if are computed from the confirmed ties and the ties recorded outside the survey only.',
};
