import Testing

@Test func placeholderReflectXMLTests() {}
