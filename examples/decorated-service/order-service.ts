// A service class traced with @traceMethod() (standard TypeScript decorators, no compiler flag).
import { traceMethod, withSpan } from 'otel-bootstrap';

export interface Item {
  sku: string;
  price: number;
  quantity: number;
}

export interface Order {
  id: string;
  customerId: string;
  total: number;
}

export interface Payment {
  cardNumber: string;
  holder: string;
  cvv: string;
}

export class PaymentDeclinedError extends Error {
  override name = 'PaymentDeclinedError';
}

export class OrderService {
  readonly #orders = new Map<string, Order>();

  @traceMethod({ includeResult: true })
  async create(customerId: string, items: readonly Item[]): Promise<Order> {
    const total = await withSpan('orders.price', { 'orders.items': items.length }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.reduce((sum, item) => sum + item.price * item.quantity, 0);
    });
    const order: Order = { id: `order-${this.#orders.size + 1}`, customerId, total };
    this.#orders.set(order.id, order);
    return order;
  }

  // The card number, holder and cvv are recorded redacted: `cvv` is a secret key and the card
  // number is recognised as one.
  @traceMethod({ name: 'orders.charge', includeArgs: true })
  charge(order: Order, payment: Payment): { orderId: string; charged: number } {
    if (payment.cardNumber.endsWith('0002')) throw new PaymentDeclinedError(`card declined for ${order.id}`);
    return { orderId: order.id, charged: order.total };
  }

  // `password` is redacted by its parameter name, `apiKey` by its key.
  @traceMethod({ includeArgs: true, setOkStatus: true })
  login(user: { name: string; profile: { apiKey: string; city: string } }, password: string): { user: string; session: string } {
    return { user: user.name, session: `s-${password.length}` };
  }
}
