// ReflectXML: the only code that touches libxml2.
import CLibXML2
