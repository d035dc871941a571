import Testing

@Test func placeholderReflectCLITests() {}
