// Delivery addresses for tests and benchmarks (data only: no test runner imports, so a bench can use it too).

/** A Hangzhou address in the Chinese structure (province, city, district, street, recipient, mobile). */
export const ADDRESS = {
  region: 'CN-ZJ',
  city: '杭州市',
  district: '西湖区',
  street: '文三路 90 号 1 幢 501 室',
  postal_code: '310012',
  recipient: '李伟',
  mobile: '13800138000',
};
