import Testing

@Test func placeholderReflectCoreTests() {}
