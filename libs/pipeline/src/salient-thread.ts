import { parentPort, type MessagePort } from 'node:worker_threads';
import { openSalientNetwork } from './models';
import { serveSalientModel, sharedSalientSession } from './segmentation/salient-port';

/** What the pool tells its salient thread: serve a pixel thread's port, open the session now, or let it go. */
export type SalientThreadMessage = { serve: MessagePort } | { open: true } | { release: true };

// The pool's one salient network (createPipelinePool), in a thread of its own: ONNX Runtime's Node
// binding runs a session synchronously on the calling thread (300–800 ms per U²-Netp mask here), which
// on the process's main thread stalled the event loop (BullMQ lock renewals, HTTP answers, a worker's
// start-up) for every mask.
if (parentPort) {
  const port = parentPort;
  const network = sharedSalientSession(openSalientNetwork);
  port.on('message', (m: SalientThreadMessage) => {
    if ('serve' in m) serveSalientModel(m.serve, network.session);
    // a failed open is reported by the first mask that needs it (and tried again there)
    else if ('open' in m) network.session().catch(() => undefined);
    else network.release().finally(() => port.postMessage({ released: true }));
  });
}
