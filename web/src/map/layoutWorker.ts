/** The layout worker: receives groups of the graph, answers with their laid-out parts. */
import { layoutOne, type LayoutInput } from './layoutCore';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LayoutInput[]>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  scope.postMessage(e.data.map(layoutOne));
};
