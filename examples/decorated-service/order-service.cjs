// A service class traced with @traceMethod(). Plain JavaScript has no decorator syntax on Node 20,
// so the decorators are applied the way TypeScript's experimentalDecorators output applies them.
const { traceMethod, withSpan } = require('../../dist/index.cjs');

class PaymentDeclinedError extends Error {}

class OrderService {
  constructor() {
    this.orders = new Map();
  }

  async create(customerId, items) {
    const total = await withSpan('orders.price', { 'orders.items': items.length }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.reduce((sum, item) => sum + item.price * item.quantity, 0);
    });
    const id = `order-${this.orders.size + 1}`;
    this.orders.set(id, { id, customerId, total });
    return this.orders.get(id);
  }

  charge(order, payment) {
    if (payment.cardNumber.endsWith('0002')) throw new PaymentDeclinedError(`card declined for ${order.id}`);
    return { orderId: order.id, charged: order.total };
  }

  login(user, password) {
    return { user: user.name, session: `s-${password.length}` };
  }
}

function decorate(target, key, decorator) {
  Object.defineProperty(target, key, decorator(target, key, Object.getOwnPropertyDescriptor(target, key)));
}

decorate(OrderService.prototype, 'create', traceMethod({ includeResult: true }));
decorate(OrderService.prototype, 'charge', traceMethod({ name: 'orders.charge', includeArgs: true }));
decorate(OrderService.prototype, 'login', traceMethod({ includeArgs: true, setOkStatus: true }));

module.exports = { OrderService, PaymentDeclinedError };
