// ecommerce:fraud-mock — the development stand-in for fraud detection:
// same interface (ecommerce:platform/fraud@1.0.0), approves every checkout.
import { withCallLog } from '../../../lib/js/observe.js';

let assessed = 0;

export const fraud = withCallLog('fraud-mock', {
  assess(_request) {
    assessed += 1;
    return { score: 0, decision: 'approve', reasons: [`fraud-mock: approved (assessment ${assessed})`] };
  },
});
