/** English texts of the map's own actions (ctx.*): the twin of ja/mapActions.ts. */
import type { jaMapActions } from '../ja/mapActions';

export const enMapActions: Record<keyof typeof jaMapActions, string> = {
  'ctx.edit': 'Edit…',
  'ctx.menu.hint': 'Right-click a node on the map (long-press on a touch screen) for its actions.',
  'ctx.connect.banner': 'Click the node to connect to (Esc cancels)',
  'ctx.connect.from': 'From {name}',
  'ctx.connect.cancel': 'Cancel',
  'ctx.connect.noTie':
    'No kind of tie can be recorded between {from} and {to}. Click another node.',
  'ctx.connect.notYours':
    'A tie between {from} and {to} cannot be recorded: neither is data of your regions. Click another node.',
};
