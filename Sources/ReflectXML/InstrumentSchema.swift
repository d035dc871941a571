/// The XML Schema of the instrument format, version 1.
///
/// The schema is compiled into the library, so validation never reads a file or the
/// network. `xml:lang` is admitted through `xs:anyAttribute` on the XML namespace
/// rather than an `xs:import` of `xml.xsd`, which libxml2 could only resolve through
/// a system catalog; the loader checks `xml:lang` values itself.
public enum InstrumentSchema {
  /// The namespace every instrument file declares.
  public static let namespace = "urn:reflect:instrument:1"

  /// The XSD text, as `reflect schema` prints it.
  public static let xsd = #"""
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- Reflect instrument format, version 1. Print it with `reflect schema`. -->
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
               xmlns:r="urn:reflect:instrument:1"
               targetNamespace="urn:reflect:instrument:1"
               elementFormDefault="qualified"
               attributeFormDefault="unqualified">

      <xs:simpleType name="id">
        <xs:restriction base="xs:string">
          <xs:pattern value="[a-z][a-z0-9_\-]*"/>
          <xs:maxLength value="64"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:simpleType name="version">
        <xs:restriction base="xs:string">
          <xs:pattern value="\S+"/>
          <xs:maxLength value="64"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:simpleType name="method">
        <xs:restriction base="xs:string">
          <xs:enumeration value="mean"/>
          <xs:enumeration value="sum"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:simpleType name="direction">
        <xs:restriction base="xs:string">
          <xs:enumeration value="higher-is-better"/>
          <xs:enumeration value="lower-is-better"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:simpleType name="minAnswered">
        <xs:restriction base="xs:string">
          <xs:pattern value="[0-9]+|[0-9]*\.[0-9]+"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:simpleType name="showIf">
        <xs:restriction base="xs:string">
          <xs:minLength value="1"/>
          <xs:maxLength value="4096"/>
        </xs:restriction>
      </xs:simpleType>

      <!-- A text with an optional xml:lang; the loader requires a default-language variant. -->
      <xs:complexType name="text">
        <xs:simpleContent>
          <xs:extension base="xs:string">
            <xs:anyAttribute namespace="http://www.w3.org/XML/1998/namespace" processContents="skip"/>
          </xs:extension>
        </xs:simpleContent>
      </xs:complexType>

      <xs:element name="instrument">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="title" type="r:text" maxOccurs="unbounded"/>
            <xs:element name="description" type="r:text" minOccurs="0" maxOccurs="unbounded"/>
            <xs:element name="instructions" type="r:text" minOccurs="0" maxOccurs="unbounded"/>
            <xs:element name="choices" type="r:choices" minOccurs="0" maxOccurs="unbounded"/>
            <xs:element name="section" type="r:section" maxOccurs="unbounded"/>
            <xs:element name="scoring" type="r:scoring" minOccurs="0"/>
          </xs:sequence>
          <xs:attribute name="id" type="r:id" use="required"/>
          <xs:attribute name="version" type="r:version" use="required"/>
          <xs:anyAttribute namespace="http://www.w3.org/XML/1998/namespace" processContents="skip"/>
        </xs:complexType>
      </xs:element>

      <xs:complexType name="choices">
        <xs:sequence>
          <xs:element name="choice" maxOccurs="unbounded">
            <xs:complexType>
              <xs:simpleContent>
                <xs:extension base="r:text">
                  <xs:attribute name="value" use="required">
                    <xs:simpleType>
                      <xs:restriction base="xs:string">
                        <xs:pattern value="\S+"/>
                        <xs:maxLength value="64"/>
                      </xs:restriction>
                    </xs:simpleType>
                  </xs:attribute>
                  <xs:attribute name="missing" type="xs:boolean" default="false"/>
                </xs:extension>
              </xs:simpleContent>
            </xs:complexType>
          </xs:element>
        </xs:sequence>
        <xs:attribute name="id" type="r:id" use="required"/>
      </xs:complexType>

      <xs:complexType name="section">
        <xs:sequence>
          <xs:element name="title" type="r:text" maxOccurs="unbounded"/>
          <xs:element name="guidance" type="r:text" minOccurs="0" maxOccurs="unbounded"/>
          <xs:choice maxOccurs="unbounded">
            <xs:element name="rating" type="r:rating"/>
            <xs:element name="select" type="r:select"/>
            <xs:element name="number" type="r:number"/>
            <xs:element name="reflection" type="r:reflection"/>
            <xs:element name="note" type="r:text"/>
          </xs:choice>
        </xs:sequence>
        <xs:attribute name="id" type="r:id" use="required"/>
        <xs:attribute name="show-if" type="r:showIf"/>
      </xs:complexType>

      <xs:complexType name="question">
        <xs:sequence>
          <xs:element name="prompt" type="r:text" maxOccurs="unbounded"/>
          <xs:element name="hint" type="r:text" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
        <xs:attribute name="id" type="r:id" use="required"/>
        <xs:attribute name="show-if" type="r:showIf"/>
      </xs:complexType>

      <xs:complexType name="rating">
        <xs:complexContent>
          <xs:extension base="r:question">
            <xs:attribute name="choices" type="r:id" use="required"/>
            <xs:attribute name="required" type="xs:boolean" default="true"/>
          </xs:extension>
        </xs:complexContent>
      </xs:complexType>

      <xs:complexType name="select">
        <xs:complexContent>
          <xs:extension base="r:question">
            <xs:attribute name="choices" type="r:id" use="required"/>
            <xs:attribute name="multiple" type="xs:boolean" default="false"/>
            <xs:attribute name="min" type="xs:nonNegativeInteger"/>
            <xs:attribute name="max" type="xs:positiveInteger"/>
            <xs:attribute name="required" type="xs:boolean" default="true"/>
          </xs:extension>
        </xs:complexContent>
      </xs:complexType>

      <xs:complexType name="number">
        <xs:complexContent>
          <xs:extension base="r:question">
            <xs:attribute name="min" type="xs:decimal"/>
            <xs:attribute name="max" type="xs:decimal"/>
            <xs:attribute name="integer" type="xs:boolean" default="false"/>
            <xs:attribute name="required" type="xs:boolean" default="true"/>
          </xs:extension>
        </xs:complexContent>
      </xs:complexType>

      <xs:complexType name="reflection">
        <xs:complexContent>
          <xs:extension base="r:question">
            <xs:attribute name="required" type="xs:boolean" default="false"/>
          </xs:extension>
        </xs:complexContent>
      </xs:complexType>

      <xs:complexType name="scoring">
        <xs:sequence>
          <xs:element name="scale" type="r:scale" maxOccurs="unbounded"/>
          <xs:element name="composite" type="r:composite" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
      </xs:complexType>

      <xs:complexType name="scale">
        <xs:sequence>
          <xs:element name="title" type="r:text" maxOccurs="unbounded"/>
          <xs:element name="item" maxOccurs="unbounded">
            <xs:complexType>
              <xs:attribute name="ref" type="r:id" use="required"/>
              <xs:attribute name="reverse" type="xs:boolean" default="false"/>
              <xs:attribute name="weight" type="xs:decimal" default="1"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="bands" type="r:bands" minOccurs="0"/>
          <xs:element name="reference" type="r:reference" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="id" type="r:id" use="required"/>
        <xs:attribute name="method" type="r:method" default="mean"/>
        <xs:attribute name="min-answered" type="r:minAnswered"/>
        <xs:attribute name="direction" type="r:direction" default="higher-is-better"/>
      </xs:complexType>

      <xs:complexType name="composite">
        <xs:sequence>
          <xs:element name="title" type="r:text" maxOccurs="unbounded"/>
          <xs:element name="scale" maxOccurs="unbounded">
            <xs:complexType>
              <xs:attribute name="ref" type="r:id" use="required"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="bands" type="r:bands" minOccurs="0"/>
          <xs:element name="reference" type="r:reference" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="id" type="r:id" use="required"/>
        <xs:attribute name="method" type="r:method" default="mean"/>
        <xs:attribute name="direction" type="r:direction" default="higher-is-better"/>
      </xs:complexType>

      <xs:complexType name="bands">
        <xs:sequence>
          <xs:element name="band" maxOccurs="unbounded">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="feedback" type="r:text" minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence>
              <xs:attribute name="below" type="xs:decimal"/>
              <xs:attribute name="label" use="required">
                <xs:simpleType>
                  <xs:restriction base="xs:string">
                    <xs:minLength value="1"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:attribute>
            </xs:complexType>
          </xs:element>
        </xs:sequence>
      </xs:complexType>

      <xs:complexType name="reference">
        <xs:attribute name="mean" type="xs:decimal"/>
        <xs:attribute name="sd" type="xs:decimal"/>
        <xs:attribute name="reliability" type="xs:decimal"/>
        <xs:attribute name="n" type="xs:nonNegativeInteger"/>
        <xs:attribute name="source" type="xs:string"/>
      </xs:complexType>
    </xs:schema>
    """#
}
