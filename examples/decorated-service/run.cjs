// OTEL_BOOTSTRAP_CONSOLE_VERBOSE=true node examples/decorated-service/run.cjs (after `npm run build`):
// prints the console trace trees of a few decorated calls, including a failure and redacted
// arguments (the verbose tree lists every attribute and event under each span).
const { init } = require('../../dist/index.cjs');

const tracing = init({ serviceName: 'orders', environment: 'development', shutdownSignals: false });
const { OrderService, PaymentDeclinedError } = require('./order-service.cjs');

async function main() {
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
