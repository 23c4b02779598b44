package geotest

// Regions is a small postcode file in the layout of zipcodes.de.csv, for
// tests of regional figures that count by hand. Its districts:
//
//	06611 Kassel (city)             34117, 34127
//	06633 Landkreis Kassel          34355 (two of its three places; the third lies
//	                                in 06611 but farther from the centre)
//	06411 Darmstadt (city)          64283
//	03159 Landkreis Göttingen       37073
//	11000 Berlin                    10115
//
// 06611 and 06633 form the government district 066 of the state 06; 06411
// lies in 064. 01234 has no district key.
const Regions = `country_code,zipcode,place,state,state_code,province,province_code,community,community_code,latitude,longitude
DE,34117,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,"Kassel, documenta-Stadt",06611,51.3166,9.4912
DE,34127,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,"Kassel, documenta-Stadt",06611,51.3300,9.5000
DE,34355,Staufenberg,Hessen,HE,Regierungsbezirk Kassel,066,Landkreis Kassel,06633,51.4000,9.6000
DE,34355,Nienhagen,Hessen,HE,Regierungsbezirk Kassel,066,Landkreis Kassel,06633,51.4100,9.6100
DE,34355,Kassel-Wolfsanger,Hessen,HE,Regierungsbezirk Kassel,066,"Kassel, documenta-Stadt",06611,51.3000,9.4500
DE,64283,Darmstadt,Hessen,HE,Regierungsbezirk Darmstadt,064,Darmstadt,06411,49.8700,8.6500
DE,37073,Göttingen,Niedersachsen,NI,,00,Landkreis Göttingen,03159,51.5330,9.9330
DE,10115,Berlin,Berlin,BE,,00,"Berlin, Stadt",11000,52.5320,13.3850
DE,01234,Nirgendwo,Sachsen,SN,,00,,,51.0000,13.0000
`
