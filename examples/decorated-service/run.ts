// `npm run demo:typescript`: a TypeScript service with real @traceMethod() syntax, compiled by
// tsc; prints the console trace trees of a few decorated calls, including a failure and
// redacted arguments (the script sets OTEL_BOOTSTRAP_CONSOLE_VERBOSE=true, so the tree lists every
// attribute and event under each span).
import { init } from 'otel-bootstrap';
import { OrderService, PaymentDeclinedError } from './order-service.js';

const tracing = init({ serviceName: 'orders', environment: 'development', shutdownSignals: false });

async function main(): Promise<void> {
  const service = new OrderService();
  const order = await service.create('c-1', [{ sku: 'tea', price: 4, quantity: 2 }]);
  service.charge(order, { cardNumber: '4111 1111 1111 1111', holder: 'Ann', cvv: '123' });
  try {
    service.charge(order, { cardNumber: '4000 0000 0000 0002', holder: 'Ann', cvv: '123' });
  } catch (error) {
    if (!(error instanceof PaymentDeclinedError)) throw error;
    console.log(`charge failed as expected: ${error.message}`);
  }
  service.login({ name: 'ann', profile: { apiKey: 'k-123', city: 'Oslo' } }, 'hunter2');
  await tracing.shutdown();
}

void main();
