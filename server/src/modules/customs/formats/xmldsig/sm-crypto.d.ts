// Types for the parts of sm-crypto (a devDependency, used only by tests as an independent SM2
// implementation) that the tests call; the package ships no types.
declare module 'sm-crypto' {
  type Sm2Options = { der?: boolean; hash?: boolean; publicKey?: string; userId?: string };
  const smCrypto: {
    sm2: {
      doSignature(message: string | number[], privateKeyHex: string, options?: Sm2Options): string;
      doVerifySignature(
        message: string | number[],
        signatureHex: string,
        publicKeyHex: string,
        options?: Sm2Options,
      ): boolean;
    };
    sm3(message: string | number[]): string;
  };
  export default smCrypto;
}
